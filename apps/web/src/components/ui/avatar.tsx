import { initials } from "../../features/shell/initials";
import { cx } from "../../lib/cx";

const palette = [
  "bg-indigo-100 text-indigo-700",
  "bg-emerald-100 text-emerald-700",
  "bg-amber-100 text-amber-800",
  "bg-sky-100 text-sky-700",
  "bg-rose-100 text-rose-700",
  "bg-violet-100 text-violet-700",
];

/** A stable color per name, so the same person looks the same everywhere. */
function paletteFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? "bg-slate-100 text-slate-700";
}

export function Avatar({
  name,
  size = "md",
  title,
}: {
  name: string;
  size?: "sm" | "md" | "lg";
  title?: string;
}) {
  const sizes = { sm: "size-6 text-[10px]", md: "size-8 text-xs", lg: "size-12 text-base" };
  const classes = cx(
    "inline-flex shrink-0 items-center justify-center rounded-full font-semibold",
    sizes[size],
    paletteFor(name),
  );
  if (title) {
    return (
      <span role="img" aria-label={title} title={title} className={classes}>
        {initials(name, name)}
      </span>
    );
  }
  return (
    <span aria-hidden="true" className={classes}>
      {initials(name, name)}
    </span>
  );
}
