import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { CardList, CardListItem, useWideEnoughForTable } from "../../components/ui/card-list";
import { Table, Td, Th } from "../../components/ui/table";
import { useI18n } from "../../i18n/i18n-provider";
import { isZeroDecimal } from "../../lib/decimal";
import { formatDateTime } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import type { Payment } from "./payment-filters";
import { providerLabels } from "./payment-labels";
import { PaymentRowActions } from "./payment-row-actions";
import { PaymentStatusBadge } from "./payment-status-badge";

interface PaymentsTableProps {
  caption: string;
  payments: readonly Payment[];
  /** Refunds need billing:manage; without it the action is not offered at all. */
  onRefund?: ((payment: Payment) => void) | undefined;
}

/** Every payment of the organization, on the payments page (a deal's own are a list: `DealPaymentsList`). */
export function PaymentsTable({ caption, payments, onRefund }: PaymentsTableProps) {
  const { t, locale } = useI18n();
  const wide = useWideEnoughForTable();
  if (!wide) return <PaymentCards caption={caption} payments={payments} onRefund={onRefund} />;
  return (
    <Table
      caption={caption}
      head={
        <>
          <Th>{t("payments.column.status")}</Th>
          <Th>{t("payments.column.amount")}</Th>
          <Th>{t("payments.column.provider")}</Th>
          <Th>{t("payments.column.deal")}</Th>
          <Th>{t("payments.column.created")}</Th>
          <Th>
            <span className="sr-only">{t("common.actions")}</span>
          </Th>
        </>
      }
    >
      {payments.map((payment) => {
        const amount = formatMoney({ amount: payment.amount, currency: payment.currency }, locale);
        return (
          <tr key={payment.id} className="hover:bg-slate-50">
            <Td>
              <PaymentStatusBadge status={payment.status} />
            </Td>
            <Td className="whitespace-nowrap">
              <PaymentAmount payment={payment} amount={amount} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{providerLabels[payment.provider]}</Td>
            <Td>
              {payment.dealId ? <DealLink dealId={payment.dealId} /> : <span aria-hidden="true">—</span>}
            </Td>
            <Td className="whitespace-nowrap text-slate-500">{formatDateTime(payment.createdAt, locale)}</Td>
            <Td>
              <PaymentRowActions payment={payment} amount={amount} onRefund={onRefund} />
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

/** On a phone: one card per payment, so its status, deal and actions (Refund) are not off-screen to the side. */
function PaymentCards({ caption, payments, onRefund }: PaymentsTableProps) {
  const { locale } = useI18n();
  return (
    <CardList label={caption}>
      {payments.map((payment) => {
        const amount = formatMoney({ amount: payment.amount, currency: payment.currency }, locale);
        return (
          <CardListItem
            key={payment.id}
            title={
              <div className="flex items-start justify-between gap-3">
                <PaymentAmount payment={payment} amount={amount} />
                <PaymentStatusBadge status={payment.status} />
              </div>
            }
          >
            <span className="text-slate-600">{providerLabels[payment.provider]}</span>
            <span className="text-slate-500">{formatDateTime(payment.createdAt, locale)}</span>
            {payment.dealId && (
              <span className="min-w-0 basis-full">
                <DealLink dealId={payment.dealId} />
              </span>
            )}
            <div className="basis-full">
              <PaymentRowActions payment={payment} amount={amount} onRefund={onRefund} />
            </div>
          </CardListItem>
        );
      })}
    </CardList>
  );
}

function PaymentAmount({ payment, amount }: { payment: Payment; amount: string }) {
  const { t, locale } = useI18n();
  return (
    <div>
      <div className="font-medium text-slate-900 tabular-nums">{amount}</div>
      {!isZeroDecimal(payment.refundedAmount) && (
        <div className="text-xs text-slate-500 tabular-nums">
          {t("payments.refundedSoFar", {
            amount: formatMoney({ amount: payment.refundedAmount, currency: payment.currency }, locale),
          })}
        </div>
      )}
    </div>
  );
}

function DealLink({ dealId }: { dealId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const deal = useQuery(trpc.deals.get.queryOptions({ id: dealId }));
  return (
    <Link
      to="/deals/$dealId"
      params={{ dealId }}
      className="block max-w-64 truncate font-medium text-slate-900 hover:text-indigo-600"
    >
      {deal.data?.title ?? t("payments.column.deal")}
    </Link>
  );
}
