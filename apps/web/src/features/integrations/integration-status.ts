import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey, Translate } from "../../i18n/translate";
import type { Integration } from "./use-integrations";

/** One word for the state people care about: off, broken (last test refused), or working. */
export function integrationStatus(integration: Pick<Integration, "isActive" | "lastTestError">): {
  label: PlainMessageKey;
  tone: BadgeTone;
} {
  if (!integration.isActive) return { label: "integrations.status.disabled", tone: "neutral" };
  if (integration.lastTestError) return { label: "integrations.status.testFailed", tone: "danger" };
  return { label: "integrations.status.active", tone: "success" };
}

const modeSentences = {
  test: "integrations.test.mode.test",
  live: "integrations.test.mode.live",
} as const satisfies Record<string, PlainMessageKey>;

/**
 * What a passed test says, all in the user's language: the provider gives only the account's own name (if any)
 * and whether the credentials are test or live ones.
 */
export function testSuccessText(
  t: Translate,
  result: { identity: string | null; mode: keyof typeof modeSentences | null },
): string {
  const works = result.identity
    ? t("integrations.test.ok", { identity: result.identity })
    : t("integrations.test.okUnnamed");
  return result.mode ? `${works} ${t(modeSentences[result.mode])}` : works;
}
