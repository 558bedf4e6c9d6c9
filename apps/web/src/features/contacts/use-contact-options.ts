import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

/** The most a screen lists of tags, companies or custom fields for pickers and filters. */
export const optionsLimit = 100;

export function useTags() {
  const trpc = useTRPC();
  return useQuery(trpc.tags.list.queryOptions({ limit: optionsLimit }));
}

export function useCompanies() {
  const trpc = useTRPC();
  return useQuery(trpc.companies.list.queryOptions({ limit: optionsLimit }));
}

export function useCustomFields() {
  const trpc = useTRPC();
  return useQuery(trpc.customFields.list.queryOptions({ limit: optionsLimit }));
}
