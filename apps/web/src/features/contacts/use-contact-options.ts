import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { useDebouncedValue } from "../../lib/use-debounced-value";

/** The most a screen lists of tags or custom fields for pickers and filters. */
export const optionsLimit = 100;

/** How many companies a picker shows for what was typed: more is a longer name to type, not a longer list. */
export const companyResultLimit = 20;

export function useTags() {
  const trpc = useTRPC();
  return useQuery(trpc.tags.list.queryOptions({ limit: optionsLimit }));
}

/**
 * The companies whose name contains what was typed, asked of the API once typing pauses: an organization may
 * have thousands, so none is left out for being past the first page. The last answer stays while the next loads.
 */
export function useCompanySearch(text: string, options: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  const search = useDebouncedValue(text.trim()).slice(0, 100);
  return useQuery({
    ...trpc.companies.list.queryOptions({ search: search || undefined, limit: companyResultLimit }),
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
  });
}

export function useCustomFields() {
  const trpc = useTRPC();
  return useQuery(trpc.customFields.list.queryOptions({ limit: optionsLimit }));
}
