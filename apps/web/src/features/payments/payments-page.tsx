import { can } from "@crm/domain/shared/permissions";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { CreditCard, Plus, SearchX } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { EmptyState } from "../../components/ui/empty-state";
import { FilterSelect } from "../../components/ui/filter-select";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { CreatePaymentDialog } from "./create-payment-dialog";
import {
  hasActiveFilters,
  type Payment,
  type PaymentFilters,
  parsePaymentFilters,
  paymentProviders,
  paymentStatuses,
  toListFilters,
} from "./payment-filters";
import { providerLabels, statusLabels } from "./payment-labels";
import { PaymentsTable } from "./payments-table";
import { RefundDialog } from "./refund-dialog";

const pageSize = 25;

interface PaymentsPageProps {
  filters: PaymentFilters;
  onFiltersChange: (filters: PaymentFilters) => void;
}

export function PaymentsPage({ filters, onFiltersChange }: PaymentsPageProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  useDocumentTitle(t("payments.title"));
  const mayWrite = can(user.role, "payments:write");
  const mayRefund = can(user.role, "billing:manage");
  const payments = useInfiniteQuery(
    trpc.payments.list.infiniteQueryOptions(
      { ...toListFilters(filters), limit: pageSize },
      {
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
      },
    ),
  );
  const items = payments.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasActiveFilters(filters);
  const nothingYet = !filtered && payments.isSuccess && items.length === 0;
  const createButton = mayWrite && (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" className="size-4" />
      {t("payments.create.open")}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t("payments.title")}
        description={t("payments.description")}
        actions={!nothingYet && createButton}
      />
      {nothingYet ? (
        <EmptyState
          icon={CreditCard}
          title={t("payments.empty.title")}
          description={t(mayWrite ? "payments.empty.description" : "payments.empty.readOnly")}
        >
          {createButton}
        </EmptyState>
      ) : (
        <Card>
          <div className="flex flex-wrap items-center gap-2">
            <FilterSelect
              label={t("payments.filter.status")}
              value={filters.status ?? ""}
              onChange={(event) =>
                onFiltersChange(parsePaymentFilters({ ...filters, status: event.target.value }))
              }
              options={[
                { value: "", label: t("payments.filter.anyStatus") },
                ...paymentStatuses.map((status) => ({ value: status, label: t(statusLabels[status]) })),
              ]}
            />
            <FilterSelect
              label={t("payments.filter.provider")}
              value={filters.provider ?? ""}
              onChange={(event) =>
                onFiltersChange(parsePaymentFilters({ ...filters, provider: event.target.value }))
              }
              options={[
                { value: "", label: t("payments.filter.anyProvider") },
                ...paymentProviders.map((provider) => ({ value: provider, label: providerLabels[provider] })),
              ]}
            />
          </div>
          <div className="mt-5">
            <RefreshFailedNotice query={payments} />
            {payments.isPending ? (
              <Loading />
            ) : payments.isLoadingError ? (
              <QueryError error={payments.error} onRetry={() => void payments.refetch()} />
            ) : items.length === 0 ? (
              <div className="flex flex-col items-center py-12 text-center">
                <SearchX aria-hidden="true" className="size-8 text-slate-400" />
                <p className="mt-3 text-sm font-medium text-slate-900">{t("payments.noMatch")}</p>
                <Button variant="secondary" size="sm" className="mt-4" onClick={() => onFiltersChange({})}>
                  {t("payments.filter.clear")}
                </Button>
              </div>
            ) : (
              <>
                <PaymentsTable
                  caption={t("payments.title")}
                  payments={items}
                  onRefund={mayRefund ? setRefunding : undefined}
                />
                <LoadMore {...payments} />
              </>
            )}
          </div>
        </Card>
      )}
      <CreatePaymentDialog open={creating} onOpenChange={setCreating} />
      <RefundDialog payment={refunding} onOpenChange={(open) => !open && setRefunding(null)} />
    </>
  );
}
