import { useEffect } from "react";

export const productName = "CRM Manager";

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${productName}`;
  }, [title]);
}
