/** Joins class names, skipping the falsy ones, so conditional Tailwind classes read inline. */
export const cx = (...classes: ReadonlyArray<string | false | null | undefined>): string =>
  classes.filter(Boolean).join(" ");
