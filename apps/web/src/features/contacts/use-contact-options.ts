import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { useDebouncedValue } from "../../lib/use-debounced-value";

/** A page of tags or custom fields, the most the API answers at once. */
export const optionsLimit = 100;

/** How many companies a picker shows for what was typed: more is a longer name to type, not a longer list. */
export const companyResultLimit = 20;

/** How many tags a picker is offered for what was typed; any other is found by typing more of its name. */
export const tagResultLimit = 20;

/**
 * The tags whose name contains what was typed (the first ones A-Z while nothing is), asked of the API once typing
 * pauses: none is left out for being past the first page. The last answer stays while the next loads.
 */
export function useTagSearch(text: string, options: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  const search = useDebouncedValue(text.trim()).slice(0, 100);
  return useQuery({
    ...trpc.tags.list.queryOptions({ search: search || undefined, limit: tagResultLimit }),
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
  });
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

/**
 * Every custom field definition, all pages of them: forms, details and the CSV mapping show each field, so none
 * may be left out for being past the first page.
 */
type CustomFieldDefinition = RouterOutputs["customFields"]["list"]["items"][number];

export function useCustomFields() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: trpc.customFields.list.queryKey({ limit: optionsLimit }),
    queryFn: async ({ signal }) => {
      const items: CustomFieldDefinition[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.customFields.list.query({ limit: optionsLimit, cursor }, { signal });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { items, nextCursor: null };
    },
  });
}
