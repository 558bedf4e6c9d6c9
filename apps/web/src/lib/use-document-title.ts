import { useEffect } from "react";

export const productName = "CRM Manager";

/** The page's own title, and the count the tab shows before it, set apart by their own hooks. */
let pageTitle: string | undefined;
let titleCount = 0;

const countPrefix = /^\(\d+\+?\) /;

/** `title` with `count` before it, "(3) " ("(99+) " above 99), while it is above 0; any count before it replaced. */
export function countedTitle(count: number, title: string): string {
  const bare = title.replace(countPrefix, "");
  return count > 0 ? `(${count > 99 ? "99+" : count}) ${bare}` : bare;
}

function showTitle() {
  // a page without a title of its own keeps the document's
  document.title = countedTitle(titleCount, pageTitle ?? document.title);
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    pageTitle = `${title} · ${productName}`;
    showTitle();
  }, [title]);
}

/** Puts a count before the title of every page while it is above 0 (the shell's unread conversations). */
export function useTitleCount(count: number): void {
  useEffect(() => {
    titleCount = count;
    showTitle();
    return () => {
      titleCount = 0;
      showTitle();
    };
  }, [count]);
}
