import { Badge, type BadgeTone } from "../../components/ui/badge";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";

const labels: Record<string, PlainMessageKey> = {
  open: "deals.status.open",
  won: "deals.status.won",
  lost: "deals.status.lost",
};
const tones: Record<string, BadgeTone> = { open: "accent", won: "success", lost: "danger" };

export function DealStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = labels[status];
  return <Badge tone={tones[status] ?? "neutral"}>{label ? t(label) : status}</Badge>;
}
