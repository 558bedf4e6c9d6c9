import { Badge, type BadgeTone } from "../../components/ui/badge";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import type { ConversationStatus } from "./types";

export const statusLabels: Record<ConversationStatus, PlainMessageKey> = {
  open: "inbox.status.open",
  pending: "inbox.status.pending",
  snoozed: "inbox.status.snoozed",
  closed: "inbox.status.closed",
};
const tones: Record<ConversationStatus, BadgeTone> = {
  open: "accent",
  pending: "warning",
  snoozed: "neutral",
  closed: "success",
};

export function ConversationStatusBadge({ status }: { status: ConversationStatus }) {
  const { t } = useI18n();
  return <Badge tone={tones[status]}>{t(statusLabels[status])}</Badge>;
}
