import type { RouterInputs } from "../../lib/api-types";

export type Presence = "with" | "without";
/** The list's orders the screen offers; absent is the API's default, newest first. */
export type ContactSort = "name";

/** The contact list's filters as they live in the URL, so a filtered list can be shared and reloaded. */
export interface ContactFilters {
  q?: string | undefined;
  tagId?: string | undefined;
  companyId?: string | undefined;
  phone?: Presence | undefined;
  email?: Presence | undefined;
  sort?: ContactSort | undefined;
}

type ListInput = Omit<RouterInputs["contacts"]["list"], "cursor" | "limit">;

/** The API refuses a longer search; a longer URL value is cut rather than failing the list. */
export const maxContactSearchLength = 100;

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value : undefined;
/** The router parses `?q=123` as a number: a search for digits (a phone) is still text. */
const searchText = (value: unknown): string | undefined =>
  typeof value === "number" ? String(value) : text(value)?.slice(0, maxContactSearchLength);
const presence = (value: unknown): Presence | undefined =>
  value === "with" || value === "without" ? value : undefined;

export function parseContactFilters(search: Record<string, unknown>): ContactFilters {
  return {
    q: searchText(search.q),
    tagId: text(search.tagId),
    companyId: text(search.companyId),
    phone: presence(search.phone),
    email: presence(search.email),
    sort: search.sort === "name" ? "name" : undefined,
  };
}

/** Whether the list is narrowed by anything (an order narrows nothing). */
export const hasActiveFilters = ({ sort: _sort, ...filters }: ContactFilters): boolean =>
  Object.values(filters).some((value) => value !== undefined);

/** No filters, in the order the list had: "clear filters" keeps the sort. */
export const clearedFilters = (filters: ContactFilters): ContactFilters => ({ sort: filters.sort });

/** The list procedure's filters; the export route takes the same names as query parameters. */
export function toListFilters(filters: ContactFilters): ListInput {
  const input: ListInput = {};
  const search = filters.q?.trim().slice(0, maxContactSearchLength).trim();
  if (search) input.search = search;
  if (filters.tagId) input.tagId = filters.tagId;
  if (filters.companyId) input.companyId = filters.companyId;
  if (filters.phone) input.hasPhone = filters.phone === "with";
  if (filters.email) input.hasEmail = filters.email === "with";
  if (filters.sort) input.sort = filters.sort;
  return input;
}

/** A plain link to the CSV export of the filtered list; the session cookie authenticates the download. */
export function exportHref(apiBaseUrl: string, filters: ContactFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toListFilters(filters))) {
    if (value !== undefined) params.set(key, String(value));
  }
  const query = params.toString();
  return `${apiBaseUrl}/api/v1/contacts/export.csv${query ? `?${query}` : ""}`;
}
