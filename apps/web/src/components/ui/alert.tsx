import { CircleAlert, CircleCheck, Info } from "lucide-react";
import type { ReactNode } from "react";
import { cx } from "../../lib/cx";

type Tone = "error" | "success" | "info";

const tones: Record<Tone, { box: string; icon: typeof Info }> = {
  error: { box: "bg-red-50 text-red-800 ring-red-200", icon: CircleAlert },
  success: { box: "bg-emerald-50 text-emerald-800 ring-emerald-200", icon: CircleCheck },
  info: { box: "bg-slate-50 text-slate-700 ring-slate-200", icon: Info },
};

/** Errors interrupt screen readers (role=alert); success and info are announced politely. */
export function Alert({
  tone,
  children,
  className,
}: {
  tone: Tone;
  children: ReactNode;
  className?: string;
}) {
  const { box, icon: Icon } = tones[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cx(
        "flex items-start gap-2.5 rounded-lg px-3.5 py-3 text-sm ring-1 ring-inset",
        box,
        className,
      )}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
