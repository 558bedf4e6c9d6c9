import { can } from "@crm/domain/shared/permissions";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft, Clock, Trash2 } from "lucide-react";
import { useState } from "react";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { isZeroDecimal } from "../../lib/decimal";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { DealPaymentsCard } from "../payments/deal-payments-card";
import { useDealBalance } from "../payments/use-deal-balance";
import { ActivityComposer } from "./activity-composer";
import { ActivityTimeline } from "./activity-timeline";
import { DealDetailsCard } from "./deal-details-card";
import { DealStatusBadge } from "./deal-status";
import { DealStatusActions } from "./deal-status-actions";
import { DeleteDealDialog } from "./delete-deal-dialog";
import { StageProgress } from "./stage-progress";

export function DealPage({ dealId }: { dealId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const dealQuery = useSuspenseQuery(trpc.deals.get.queryOptions({ id: dealId }));
  const deal = dealQuery.data;
  const pipelineQuery = useQuery(trpc.pipelines.get.queryOptions({ id: deal.pipelineId }));
  const pipeline = pipelineQuery.data;
  const contact = useQuery({
    ...trpc.contacts.get.queryOptions({ id: deal.contactId ?? "" }),
    enabled: deal.contactId !== null,
  }).data;
  useDocumentTitle(deal.title);
  const mayWrite = can(user.role, "deals:write");
  const mayDelete = can(user.role, "deals:delete");
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);
  // what a deposit brought in, while the deal's value is not reached yet
  const { balance } = useDealBalance(deal);
  const partlyPaid = balance && !isZeroDecimal(balance.remaining.amount) ? balance : null;

  return (
    <>
      <RefreshFailedNotice queries={[dealQuery, pipelineQuery]} />
      <Link
        to="/deals"
        search={{ pipeline: deal.pipelineId }}
        className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-slate-500 hover:text-slate-800"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("deals.backToBoard")}
      </Link>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{deal.title}</h1>
            <DealStatusBadge status={deal.status} />
            {deal.rotting && (
              <Badge tone="warning">
                <Clock aria-hidden="true" className="mr-1 size-3" />
                {t("deals.card.rotting")}
              </Badge>
            )}
          </div>
          <p className="mt-1 text-sm text-slate-500">
            <span className="font-semibold text-slate-800 tabular-nums">
              {formatMoney(deal.value, locale)}
            </span>
            {partlyPaid && (
              <>
                {" · "}
                <span className="font-medium text-emerald-700 tabular-nums">
                  {t("deals.paidSoFar", {
                    paid: formatMoney(partlyPaid.paid, locale),
                    value: formatMoney(deal.value, locale),
                  })}
                </span>
              </>
            )}
            {contact && <> · {contact.name}</>}
            {pipeline && <> · {pipeline.name}</>}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {mayWrite && <DealStatusActions deal={deal} />}
          {mayDelete && (
            <Button variant="ghost" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden="true" className="size-4" />
              {t("deals.delete.open")}
            </Button>
          )}
        </div>
      </div>
      {mayDelete && (
        <DeleteDealDialog
          deal={deal}
          open={deleting}
          onOpenChange={setDeleting}
          onDeleted={() => navigate({ to: "/deals", search: { pipeline: deal.pipelineId } })}
        />
      )}

      {pipeline && deal.status === "open" && (
        <StageProgress deal={deal} stages={pipeline.stages} canMove={mayWrite} />
      )}

      {/* minmax(0, 1fr) columns: a wide payments table scrolls in its own box instead of widening the page */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-2">
          <DealDetailsCard deal={deal} pipeline={pipeline} canEdit={mayWrite} />
        </div>
        <div className="min-w-0 space-y-6 lg:col-span-3">
          <DealPaymentsCard dealId={deal.id} dealLost={deal.status === "lost"} />
          <Card title={t("deals.activity.title")} description={t("deals.activity.description")}>
            <div className="space-y-6">
              {mayWrite && <ActivityComposer dealId={deal.id} />}
              <ActivityTimeline dealId={deal.id} dealStatus={deal.status} canEdit={mayWrite} />
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
