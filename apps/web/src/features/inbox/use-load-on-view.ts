import { useEffect, useState } from "react";

interface Paging {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: (options?: { cancelRefetch?: boolean }) => unknown;
}

/**
 * Fetches the next page while the element the returned ref is set on is in view (within `margin` of the
 * scroller's bottom edge), one page at a time; it keeps going while the end stays in view after a page,
 * so a tall screen fills up. The caller keeps a button for keyboards, which never scroll an observer.
 */
export function useLoadOnView(
  root: { current: HTMLElement | null },
  { hasNextPage, isFetchingNextPage, fetchNextPage }: Paging,
  margin = 400,
) {
  const [end, setEnd] = useState<HTMLElement | null>(null);
  const [inView, setInView] = useState(false);
  useEffect(() => {
    if (!end) return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry?.isIntersecting ?? false), {
      root: root.current,
      rootMargin: `0px 0px ${margin}px 0px`,
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, [end, root, margin]);
  useEffect(() => {
    // cancelRefetch: false joins a fetch already under way instead of cancelling it and asking again
    if (inView && hasNextPage && !isFetchingNextPage) void fetchNextPage({ cancelRefetch: false });
  }, [inView, hasNextPage, isFetchingNextPage, fetchNextPage]);
  return setEnd;
}
