import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey } from "../../i18n/translate";
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
