import { useI18n } from "../../i18n/i18n-provider";
import { isZeroDecimal } from "../../lib/decimal";
import { formatDate } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { Payment } from "./payment-filters";
import { providerLabels } from "./payment-labels";
import { PaymentRowActions } from "./payment-row-actions";
import { PaymentStatusBadge } from "./payment-status-badge";

/**
 * A deal's payments in its narrow card: one item per payment whose actions wrap below its facts when the card is
 * too narrow for both, so they are never scrolled out of sight (the full table is on the payments page).
 */
export function DealPaymentsList({
  label,
  payments,
  onRefund,
}: {
  label: string;
  payments: readonly Payment[];
  onRefund?: ((payment: Payment) => void) | undefined;
}) {
  const { t, locale } = useI18n();
  return (
    <ul aria-label={label} className="-my-3 divide-y divide-slate-100">
      {payments.map((payment) => {
        const amount = formatMoney({ amount: payment.amount, currency: payment.currency }, locale);
        return (
          <li key={payment.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3">
            <div className="flex min-w-0 items-center gap-3">
              <PaymentStatusBadge status={payment.status} />
              <div className="min-w-0">
                <p className="font-medium text-slate-900 tabular-nums">{amount}</p>
                <p className="text-xs text-slate-500">
                  {providerLabels[payment.provider]} · {formatDate(payment.createdAt, locale)}
                  {!isZeroDecimal(payment.refundedAmount) && (
                    <>
                      {" · "}
                      {t("payments.refundedSoFar", {
                        amount: formatMoney(
                          { amount: payment.refundedAmount, currency: payment.currency },
                          locale,
                        ),
                      })}
                    </>
                  )}
                </p>
              </div>
            </div>
            <div className="ml-auto">
              <PaymentRowActions payment={payment} amount={amount} onRefund={onRefund} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
