import type { ReactNode } from "react";
import { cx } from "../../lib/cx";

/**
 * A data table that scrolls sideways on narrow screens instead of squeezing its columns. The scrolling box is a
 * named region in the tab order, so a keyboard can scroll it too when no cell holds a control.
 */
export function Table({
  caption,
  head,
  children,
}: {
  caption: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className="relative -mx-6 overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs font-medium text-slate-500">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </section>
  );
}

export function Th({
  children,
  className,
  sort,
}: {
  children?: ReactNode;
  className?: string;
  /** The column the rows are ordered by, and which way: read out with the header. */
  sort?: "ascending" | "descending" | undefined;
}) {
  return (
    <th scope="col" aria-sort={sort} className={cx("px-6 py-2.5 font-medium whitespace-nowrap", className)}>
      {children}
    </th>
  );
}

export function Td({ children, className }: { children?: ReactNode; className?: string }) {
  return <td className={cx("px-6 py-3 align-middle", className)}>{children}</td>;
}
