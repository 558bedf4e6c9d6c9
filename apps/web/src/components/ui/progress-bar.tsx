import { cx } from "../../lib/cx";

interface ProgressBarProps {
  label: string;
  /** 0-100, or null while the total is not known yet (an indeterminate bar). */
  value: number | null;
  tone?: "accent" | "success" | "danger";
}

const fills = { accent: "bg-indigo-600", success: "bg-emerald-500", danger: "bg-red-500" };

export function ProgressBar({ label, value, tone = "accent" }: ProgressBarProps) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
    >
      <div
        className={cx(
          "h-full rounded-full transition-[width] duration-500",
          fills[tone],
          value === null && "animate-pulse",
        )}
        style={{ width: `${value ?? 100}%`, opacity: value === null ? 0.35 : 1 }}
      />
    </div>
  );
}
