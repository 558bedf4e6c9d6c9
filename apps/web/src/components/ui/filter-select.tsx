import { ChevronDown } from "lucide-react";
import type { SelectHTMLAttributes } from "react";
import { cx } from "../../lib/cx";
import type { SelectOption } from "./select-field";

interface FilterSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> {
  /** The accessible name; toolbars have no room for visible labels. */
  label: string;
  options: readonly SelectOption[];
}

/** A compact select for toolbars and filters; highlighted while it filters something. */
export function FilterSelect({ label, options, className, value, ...props }: FilterSelectProps) {
  const active = value !== undefined && value !== "";
  return (
    <div className={cx("relative", className)}>
      <select
        aria-label={label}
        value={value}
        className={cx(
          "h-9 w-full appearance-none rounded-lg border-0 bg-white py-1.5 pr-8 pl-3 text-sm shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none",
          active ? "font-medium text-indigo-700 ring-indigo-300" : "text-slate-700 ring-slate-300",
        )}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-500"
      />
    </div>
  );
}
