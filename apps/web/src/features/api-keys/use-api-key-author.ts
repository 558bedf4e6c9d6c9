import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { apiKeyAuthor } from "./api-key-author";

/** Names writes credited to an API key (`apiKeyId`), as member names name users' writes. */
export function useApiKeyAuthor(): (apiKeyId: string | null) => string | null {
  const { t } = useI18n();
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.names.queryOptions({ limit: 100 }));
  const names = keys.data && new Map(keys.data.items.map((key) => [key.id, key.name]));
  return (apiKeyId) => apiKeyAuthor(names, apiKeyId, t);
}
