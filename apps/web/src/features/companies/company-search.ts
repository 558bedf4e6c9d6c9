import type { RouterOutputs } from "../../lib/api-types";

export type Company = RouterOutputs["companies"]["get"];
export type CompanySummary = RouterOutputs["companies"]["list"]["items"][number];

/** The companies list's search as it lives in the URL (`?q=`), so a search can be shared and reloaded. */
export interface CompanySearch {
  q?: string | undefined;
}

/** The router parses `?q=2024` as a number: a search for digits in a name is still text. */
export function parseCompanySearch(search: Record<string, unknown>): CompanySearch {
  const q = typeof search.q === "number" ? String(search.q) : search.q;
  return { q: typeof q === "string" && q.trim() !== "" ? q : undefined };
}
