import { Search } from "lucide-react";
import type { InputHTMLAttributes } from "react";
import { cx } from "../../lib/cx";
import { controlClasses } from "./field";

interface SearchInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  /** The accessible name: search boxes show a placeholder, not a visible label. */
  label: string;
}

export function SearchInput({ label, className, ...props }: SearchInputProps) {
  return (
    <div className={cx("relative", className)}>
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
      />
      <input type="search" aria-label={label} className={cx(controlClasses, "pl-9")} {...props} />
    </div>
  );
}
