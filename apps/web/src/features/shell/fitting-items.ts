/**
 * How many of the header's sections fit in `available` pixels, in order, with the "More" button after them when
 * some do not: every section is either in view or in that menu, never scrolled off the edge of a phone.
 */
export function fittingItems(
  widths: readonly number[],
  available: number,
  moreWidth: number,
  gap: number,
): number {
  // sub-pixel widths add up with rounding: a hair over is still a fit
  const room = available + 0.5;
  const rowWidth = (count: number) =>
    widths.slice(0, count).reduce((sum, width) => sum + width, 0) + gap * Math.max(count - 1, 0);
  if (rowWidth(widths.length) <= room) return widths.length;
  let count = widths.length - 1;
  while (count > 0 && rowWidth(count) + gap + moreWidth > room) count -= 1;
  return count;
}
