import { Badge } from "../../components/ui/badge";
import { useI18n } from "../../i18n/i18n-provider";
import type { PaymentStatus } from "./payment-filters";
import { statusLabels, statusTones } from "./payment-labels";

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useI18n();
  return <Badge tone={statusTones[status]}>{t(statusLabels[status])}</Badge>;
}
