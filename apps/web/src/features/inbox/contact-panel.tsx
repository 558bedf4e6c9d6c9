import { can } from "@crm/domain/shared/permissions";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { CreditCard, ExternalLink, Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { ContactDetailsCard } from "../contacts/contact-details-card";
import { CreateDealDialog } from "../deals/create-deal-dialog";
import { DealStatusBadge } from "../deals/deal-status";
import { useStageIndex } from "../deals/use-deal-options";
import { SendPaymentLinkDialog } from "../payments/send-payment-link-dialog";
import { DealOutcomeActions, DealStage, StageMoveNotice, useMoveContactDeal } from "./contact-deal-stage";
import type { Conversation } from "./types";

/** Who the conversation is with: details and tags, their deals, a new deal, a payment link. */
export function ContactPanel({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const contactId = conversation.contact?.id;
  const contact = useQuery({
    ...trpc.contacts.get.queryOptions({ id: contactId ?? "" }),
    enabled: !!contactId,
  });

  return (
    <aside
      aria-label={t("inbox.contact.title")}
      className="min-h-0 flex-1 space-y-4 overflow-y-auto bg-slate-50 p-4"
    >
      {!contactId ? (
        <p className="text-sm text-slate-600">{t("inbox.contact.none")}</p>
      ) : contact.isPending ? (
        <Loading />
      ) : contact.isLoadingError ? (
        <QueryError error={contact.error} onRetry={() => void contact.refetch()} />
      ) : (
        <>
          <div className="flex items-center justify-between gap-2">
            <h2 className="truncate text-base font-semibold text-slate-900">{contact.data.name}</h2>
            <Link
              to="/contacts/$contactId"
              params={{ contactId: contact.data.id }}
              className={`${textLinkClasses} inline-flex shrink-0 items-center gap-1 text-sm`}
            >
              <ExternalLink aria-hidden="true" className="size-3.5" />
              <span className="sr-only">{t("inbox.contact.open")}</span>
            </Link>
          </div>
          <ContactDetailsCard contact={contact.data} />
          <ContactDeals contact={contact.data} conversationId={conversation.id} />
        </>
      )}
    </aside>
  );
}

interface ContactDealsProps {
  contact: { id: string; name: string; email: string | null; phone: string | null };
  conversationId: string;
}

function ContactDeals({ contact, conversationId }: ContactDealsProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  const [payingDealId, setPayingDealId] = useState<string | null>(null);
  const dealsInput = { id: contact.id, limit: 10 };
  const deals = useInfiniteQuery(
    trpc.contacts.deals.infiniteQueryOptions(dealsInput, { getNextPageParam: (page) => page.nextCursor }),
  );
  const stageIndex = useStageIndex();
  const stageName = (stageId: string) =>
    stageIndex.get(stageId)?.stage.name ?? t("deals.activity.unknownStage");
  const { move, failure, dismissFailure } = useMoveContactDeal(dealsInput);
  const items = deals.data?.pages.flatMap((page) => page.items) ?? [];
  const mayWriteDeals = can(user.role, "deals:write");
  const mayPay = can(user.role, "payments:write") && can(user.role, "conversations:write");

  return (
    <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{t("inbox.contact.deals")}</h3>
        {mayWriteDeals && (
          <Button variant="secondary" size="sm" onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" className="size-4" />
            {t("inbox.contact.createDeal")}
          </Button>
        )}
      </div>
      {failure && <StageMoveNotice failure={failure} onDismiss={dismissFailure} />}
      {deals.isPending ? (
        <Loading />
      ) : deals.isLoadingError ? (
        <div className="mt-3">
          <QueryError error={deals.error} onRetry={() => void deals.refetch()} />
        </div>
      ) : items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("inbox.contact.noDeals")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {items.map((deal) => (
            <li key={deal.id} className="py-2.5">
              <div className="flex items-center justify-between gap-2">
                <Link
                  to="/deals/$dealId"
                  params={{ dealId: deal.id }}
                  className={`${textLinkClasses} truncate text-sm font-medium`}
                >
                  {deal.title}
                </Link>
                <DealStatusBadge status={deal.status} />
              </div>
              {deal.status === "open" && (
                <DealStage
                  deal={deal}
                  pipeline={stageIndex.get(deal.stage)?.pipeline}
                  editable={mayWriteDeals}
                  onMove={(stageId) => move(deal, stageId, stageName)}
                />
              )}
              <div className="mt-1 flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
                <span className="text-sm text-slate-600 tabular-nums">{formatMoney(deal.value, locale)}</span>
                {mayPay && deal.status === "open" && (
                  <Button
                    variant="ghost"
                    size="sm"
                    className="shrink-0"
                    onClick={() => setPayingDealId(deal.id)}
                  >
                    <CreditCard aria-hidden="true" className="size-4" />
                    {t("inbox.contact.sendPaymentLink")}
                  </Button>
                )}
              </div>
              {mayWriteDeals && deal.status === "open" && <DealOutcomeActions deal={deal} />}
            </li>
          ))}
        </ul>
      )}
      <LoadMore {...deals} />
      <CreateDealDialog open={creating} onOpenChange={setCreating} initialContact={contact} />
      {payingDealId && (
        <SendPaymentLinkDialog
          open
          onOpenChange={(open) => !open && setPayingDealId(null)}
          dealId={payingDealId}
          conversationId={conversationId}
        />
      )}
    </section>
  );
}
