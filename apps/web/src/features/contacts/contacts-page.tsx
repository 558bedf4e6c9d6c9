import { can } from "@crm/domain/shared/permissions";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Download, Plus, SearchX, Upload, Users } from "lucide-react";
import { useState } from "react";
import { Button, buttonClasses } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { EmptyState } from "../../components/ui/empty-state";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { apiBaseUrl } from "../../lib/env";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import {
  type ContactFilters,
  clearedFilters,
  exportHref,
  hasActiveFilters,
  toListFilters,
} from "./contact-filters";
import { ContactFormDialog } from "./contact-form-dialog";
import { ContactsTable } from "./contacts-table";
import { ContactsToolbar } from "./contacts-toolbar";

const pageSize = 25;

interface ContactsPageProps {
  filters: ContactFilters;
  onFiltersChange: (filters: ContactFilters) => void;
}

export function ContactsPage({ filters, onFiltersChange }: ContactsPageProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t("contacts.title"));
  const mayWrite = can(user.role, "contacts:write");
  const contacts = useInfiniteQuery(
    trpc.contacts.list.infiniteQueryOptions(
      { ...toListFilters(filters), limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const items = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasActiveFilters(filters);
  const nothingYet = !filtered && contacts.isSuccess && items.length === 0;

  return (
    <>
      <PageHeader
        title={t("contacts.title")}
        description={t("contacts.description")}
        actions={
          <div className="flex flex-wrap gap-2">
            {mayWrite && (
              <Link to="/contacts/import" className={buttonClasses("secondary")}>
                <Upload aria-hidden="true" className="size-4" />
                {t("contacts.import.open")}
              </Link>
            )}
            {!nothingYet && (
              <a href={exportHref(apiBaseUrl, filters)} download className={buttonClasses("secondary")}>
                <Download aria-hidden="true" className="size-4" />
                {filtered ? t("contacts.export.filtered") : t("contacts.export.all")}
              </a>
            )}
            {mayWrite && (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden="true" className="size-4" />
                {t("contacts.create.open")}
              </Button>
            )}
          </div>
        }
      />

      {nothingYet ? (
        <EmptyState
          icon={Users}
          title={t(mayWrite ? "contacts.empty.title" : "contacts.empty.readOnlyTitle")}
          description={t(mayWrite ? "contacts.empty.description" : "contacts.empty.readOnly")}
        >
          {mayWrite && (
            <div className="flex flex-wrap justify-center gap-3">
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden="true" className="size-4" />
                {t("contacts.create.open")}
              </Button>
              <Link to="/contacts/import" className={buttonClasses("secondary")}>
                <Upload aria-hidden="true" className="size-4" />
                {t("contacts.import.open")}
              </Link>
            </div>
          )}
        </EmptyState>
      ) : (
        <Card>
          <ContactsToolbar filters={filters} onChange={onFiltersChange} />
          <div className="mt-5">
            <RefreshFailedNotice query={contacts} />
            {contacts.isPending ? (
              <Loading />
            ) : contacts.isLoadingError ? (
              <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
            ) : items.length === 0 ? (
              <div className="flex flex-col items-center py-12 text-center">
                <SearchX aria-hidden="true" className="size-8 text-slate-400" />
                <p className="mt-3 text-sm font-medium text-slate-900">{t("contacts.noMatch.title")}</p>
                <p className="mt-1 text-sm text-slate-500">{t("contacts.noMatch.description")}</p>
                <Button
                  variant="secondary"
                  size="sm"
                  className="mt-4"
                  onClick={() => onFiltersChange(clearedFilters(filters))}
                >
                  {t("contacts.filter.clear")}
                </Button>
              </div>
            ) : (
              <>
                <ContactsTable contacts={items} sort={filters.sort} />
                <LoadMore {...contacts} />
              </>
            )}
          </div>
        </Card>
      )}

      <ContactFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
