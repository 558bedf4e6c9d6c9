import type { Translate } from "../../i18n/translate";

/**
 * The author line of a write credited to an API key: "via API: Zapier", or "API key (deleted)" once the key is
 * gone from the organization's key names (`names`, undefined while they load: then nothing is said yet).
 */
export function apiKeyAuthor(
  names: ReadonlyMap<string, string> | undefined,
  apiKeyId: string | null,
  t: Translate,
): string | null {
  if (!apiKeyId || !names) return null;
  const name = names.get(apiKeyId);
  return name === undefined ? t("apiKeys.authorDeleted") : t("apiKeys.author", { name });
}
