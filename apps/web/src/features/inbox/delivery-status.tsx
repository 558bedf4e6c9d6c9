import { Check, CheckCheck, CircleAlert, Clock } from "lucide-react";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { cx } from "../../lib/cx";
import type { DeliveryStatus as Status } from "./types";

const views: Record<Status, { icon: typeof Check; className: string; label: PlainMessageKey }> = {
  pending: { icon: Clock, className: "text-indigo-200", label: "inbox.delivery.pending" },
  sent: { icon: Check, className: "text-indigo-200", label: "inbox.delivery.sent" },
  delivered: { icon: CheckCheck, className: "text-indigo-200", label: "inbox.delivery.delivered" },
  read: { icon: CheckCheck, className: "text-sky-300", label: "inbox.delivery.read" },
  failed: { icon: CircleAlert, className: "text-red-200", label: "inbox.delivery.failed" },
};

/** The ticks of an outbound message: one (sent), two (delivered), two in blue (read). */
export function DeliveryStatus({ status }: { status: Status }) {
  const { t } = useI18n();
  const { icon: Icon, className, label } = views[status];
  return (
    <span
      role="img"
      aria-label={t(label)}
      title={t(label)}
      data-delivery={status}
      className={cx("inline-flex", className)}
    >
      <Icon aria-hidden="true" className="size-3.5" />
    </span>
  );
}
