import { can } from "@crm/domain/shared/permissions";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Building2, Plus, SearchX } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { EmptyState } from "../../components/ui/empty-state";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { SearchInput } from "../../components/ui/search-input";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { CompaniesTable } from "./companies-table";
import { CompanyDialog } from "./company-dialog";
import type { CompanySearch, CompanySummary } from "./company-search";
import { DeleteCompanyDialog } from "./delete-company-dialog";

const pageSize = 25;

interface CompaniesPageProps {
  search: CompanySearch;
  onSearchChange: (search: CompanySearch) => void;
}

export function CompaniesPage({ search, onSearchChange }: CompaniesPageProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const [editing, setEditing] = useState<CompanySummary | "new" | null>(null);
  const [deleting, setDeleting] = useState<CompanySummary | null>(null);
  useDocumentTitle(t("companies.title"));
  const mayWrite = can(user.role, "contacts:write");
  const mayDelete = can(user.role, "contacts:delete");
  const searched = search.q?.trim();
  const companies = useInfiniteQuery(
    trpc.companies.list.infiniteQueryOptions(
      { ...(searched ? { search: searched } : {}), limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const items = companies.data?.pages.flatMap((page) => page.items) ?? [];
  const nothingYet = !searched && companies.isSuccess && items.length === 0;
  const createButton = mayWrite && (
    <Button onClick={() => setEditing("new")}>
      <Plus aria-hidden="true" className="size-4" />
      {t("companies.create.open")}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t("companies.title")}
        description={t("companies.description")}
        actions={!nothingYet && createButton}
      />

      {nothingYet ? (
        <EmptyState
          icon={Building2}
          title={t("companies.empty.title")}
          description={t(mayWrite ? "companies.empty.description" : "companies.empty.readOnly")}
        >
          {createButton}
        </EmptyState>
      ) : (
        <Card>
          <CompanySearchBox search={search} onChange={onSearchChange} />
          <div className="mt-5">
            <RefreshFailedNotice query={companies} />
            {companies.isPending ? (
              <Loading />
            ) : companies.isLoadingError ? (
              <QueryError error={companies.error} onRetry={() => void companies.refetch()} />
            ) : items.length === 0 ? (
              <div className="flex flex-col items-center py-12 text-center">
                <SearchX aria-hidden="true" className="size-8 text-slate-400" />
                <p className="mt-3 text-sm font-medium text-slate-900">{t("companies.noMatch.title")}</p>
                <p className="mt-1 text-sm text-slate-500">{t("companies.noMatch.description")}</p>
                <Button variant="secondary" size="sm" className="mt-4" onClick={() => onSearchChange({})}>
                  {t("companies.noMatch.clear")}
                </Button>
              </div>
            ) : (
              <>
                <CompaniesTable
                  companies={items}
                  onEdit={mayWrite ? setEditing : undefined}
                  onDelete={mayDelete ? setDeleting : undefined}
                />
                <LoadMore {...companies} />
              </>
            )}
          </div>
        </Card>
      )}

      <CompanyDialog
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
        company={editing === "new" || editing === null ? undefined : editing}
      />
      <DeleteCompanyDialog
        company={deleting}
        contactCount={deleting?.contactCount}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

/** The search box follows the URL (back button, "clear search"); the URL follows it once typing pauses. */
function CompanySearchBox({
  search,
  onChange,
}: {
  search: CompanySearch;
  onChange: (next: CompanySearch) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(search.q ?? "");
  const settled = useDebouncedValue(text);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled edit should write the URL
  useEffect(() => {
    const q = settled.trim() === "" ? undefined : settled;
    if (q !== search.q) onChange({ q });
  }, [settled]);
  useEffect(() => {
    setText((current) => (current.trim() === (search.q ?? "") ? current : (search.q ?? "")));
  }, [search.q]);
  return (
    <SearchInput
      label={t("companies.search")}
      placeholder={t("companies.searchPlaceholder")}
      value={text}
      onChange={(event) => setText(event.target.value)}
      className="w-full sm:max-w-sm"
    />
  );
}
