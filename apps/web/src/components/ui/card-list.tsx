import type { ReactNode } from "react";
import { cx } from "../../lib/cx";
import { useMediaQuery } from "../../lib/use-media-query";

/**
 * Whether a table fits: below Tailwind's md a table scrolls sideways and hides its last columns (often the
 * actions), so phones get a `CardList` instead, as the team page does.
 */
export const useWideEnoughForTable = (): boolean => useMediaQuery("(min-width: 768px)");

/** A table's rows as cards on a phone, inside a `Card` (it reaches the card's edges, as a `Table` does). */
export function CardList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={label} className="-mx-6 divide-y divide-slate-100">
      {children}
    </ul>
  );
}

/** One row as a card: what names it on top, then its details and actions wrapping below, actions last. */
export function CardListItem({
  title,
  children,
  className,
}: {
  title: ReactNode;
  children?: ReactNode;
  className?: string | undefined;
}) {
  return (
    <li className={cx("px-6 py-4 text-sm", className)}>
      <div className="min-w-0 wrap-anywhere">{title}</div>
      {children && <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">{children}</div>}
    </li>
  );
}
