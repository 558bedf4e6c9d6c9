import { Button } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";
import type { Payment } from "./payment-filters";
import { PaymentLinkActions } from "./payment-link-actions";
import { canRefund } from "./refund";
import { isShareableLink } from "./shareable-link";

/** What can be done with one payment: copy or open its link while it can be paid, refund it once paid. */
export function PaymentRowActions({
  payment,
  amount,
  onRefund,
}: {
  payment: Payment;
  /** The formatted amount, naming the payment for screen readers. */
  amount: string;
  onRefund?: ((payment: Payment) => void) | undefined;
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {isShareableLink(payment) && payment.paymentLink && (
        <PaymentLinkActions link={payment.paymentLink} label={amount} />
      )}
      {onRefund && canRefund(payment) && (
        <Button
          variant="secondary"
          size="sm"
          aria-label={t("payments.refund.openLabel", { amount })}
          onClick={() => onRefund(payment)}
        >
          {t("payments.refund.open")}
        </Button>
      )}
    </div>
  );
}
