import { can } from "@crm/domain/shared/permissions";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { CreatePaymentDialog } from "./create-payment-dialog";
import { DealPaymentsList } from "./deal-payments-list";
import type { Payment } from "./payment-filters";
import { RefundDialog } from "./refund-dialog";

/**
 * The deal's payment links. A link paid while the page is open shows up through the realtime `payment_status`
 * event, which also refreshes the deal (it is won then): see `handleRealtimeEvent`.
 */
export function DealPaymentsCard({ dealId, dealLost }: { dealId: string; dealLost: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const payments = useInfiniteQuery(
    trpc.payments.list.infiniteQueryOptions(
      { dealId, limit: 10 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = payments.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card
      title={t("payments.deal.title")}
      description={t("payments.deal.description")}
      actions={
        // a lost deal charges nobody: its page offers reopening it instead
        can(user.role, "payments:write") &&
        !dealLost && (
          <Button variant="secondary" size="sm" onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" className="size-4" />
            {t("payments.create.open")}
          </Button>
        )
      }
    >
      <RefreshFailedNotice query={payments} />
      {payments.isPending ? (
        <Loading />
      ) : payments.isLoadingError ? (
        <QueryError error={payments.error} onRetry={() => void payments.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">{t("payments.deal.empty")}</p>
      ) : (
        <>
          <DealPaymentsList
            label={t("payments.deal.title")}
            payments={items}
            onRefund={can(user.role, "billing:manage") ? setRefunding : undefined}
          />
          <LoadMore {...payments} />
        </>
      )}
      <CreatePaymentDialog open={creating} onOpenChange={setCreating} dealId={dealId} />
      <RefundDialog payment={refunding} onOpenChange={(open) => !open && setRefunding(null)} />
    </Card>
  );
}
