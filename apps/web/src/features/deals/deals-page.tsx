import { can } from "@crm/domain/shared/permissions";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Handshake, Plus, Settings2 } from "lucide-react";
import { useState } from "react";
import { Button, buttonClasses } from "../../components/ui/button";
import { EmptyState } from "../../components/ui/empty-state";
import { FilterSelect } from "../../components/ui/filter-select";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney, totalsByCurrency } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { type Board, openDealCount } from "./board-state";
import { CreateDealDialog } from "./create-deal-dialog";
import { type DealsSearch, ownerInput } from "./deal-list-filters";
import { DealSearchBox } from "./deal-search-box";
import { DealsBoard } from "./deals-board";
import { DealsList } from "./deals-list";
import { OwnerFilter } from "./deals-list-toolbar";
import { DealsViewSwitch } from "./deals-view-switch";
import { PipelineChartPanel } from "./pipeline-chart-panel";
import { type Pipeline, usePipelines } from "./use-deal-options";

export const boardPageSize = 25;

interface DealsPageProps {
  pipelineId: string | undefined;
  onPipelineChange: (pipelineId: string) => void;
  /** The view and filters in the URL */
  search: DealsSearch;
  onSearchChange: (search: DealsSearch) => void;
}

export function DealsPage({ pipelineId, onPipelineChange, search, onSearchChange }: DealsPageProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t("deals.title"));
  const mayWrite = can(user.role, "deals:write");
  const items = pipelines.data?.items ?? [];
  const current = items.find((pipeline) => pipeline.id === pipelineId) ?? items[0];
  const listing = search.view === "list";

  return (
    <>
      <PageHeader
        title={t("deals.title")}
        description={t("deals.description")}
        actions={
          current && (
            <div className="flex flex-wrap items-center gap-2">
              <DealsViewSwitch search={search} onChange={onSearchChange} />
              {items.length > 1 && !listing && (
                <FilterSelect
                  label={t("deals.pipeline")}
                  value={current.id}
                  onChange={(event) => onPipelineChange(event.target.value)}
                  options={items.map((pipeline) => ({ value: pipeline.id, label: pipeline.name }))}
                  className="w-56"
                />
              )}
              {/* changing the stages is the owners' and admins' (the page says so): no button that leads nowhere */}
              {can(user.role, "organizations:write") && (
                <Link to="/settings/pipelines" className={buttonClasses("secondary")}>
                  <Settings2 aria-hidden="true" className="size-4" />
                  {t("deals.editPipeline")}
                </Link>
              )}
              {mayWrite && (
                <Button onClick={() => setCreating(true)}>
                  <Plus aria-hidden="true" className="size-4" />
                  {t("deals.create.open")}
                </Button>
              )}
            </div>
          )
        }
      />
      {pipelines.isPending ? (
        <Loading />
      ) : pipelines.isLoadingError ? (
        <QueryError error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : !current ? (
        <EmptyState
          icon={Handshake}
          title={t("deals.noPipeline.title")}
          description={t("deals.noPipeline.description")}
        >
          <Link to="/settings/pipelines" className={buttonClasses("primary")}>
            {t("deals.noPipeline.action")}
          </Link>
        </EmptyState>
      ) : listing ? (
        <DealsList search={search} userId={user.id} onSearchChange={onSearchChange} />
      ) : (
        <PipelineBoard
          pipeline={current}
          canMove={mayWrite}
          onCreate={() => setCreating(true)}
          search={search}
          onSearchChange={onSearchChange}
          userId={user.id}
        />
      )}
      <CreateDealDialog open={creating} onOpenChange={setCreating} initialPipelineId={current?.id} />
    </>
  );
}

function PipelineBoard({
  pipeline,
  canMove,
  onCreate,
  search,
  onSearchChange,
  userId,
}: {
  pipeline: Pipeline;
  canMove: boolean;
  onCreate: () => void;
  search: DealsSearch;
  onSearchChange: (search: DealsSearch) => void;
  userId: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const pipelines = usePipelines();
  const boardInput = {
    pipelineId: pipeline.id,
    limit: boardPageSize,
    ...ownerInput(search.owner, userId),
    ...(search.q && { search: search.q }),
  };
  // the previous board stays on screen while the next search loads, instead of a spinner per keystroke
  const board = useQuery({
    ...trpc.pipelines.board.queryOptions(boardInput),
    placeholderData: keepPreviousData,
  });
  // outside the loading states, so the search box keeps its focus while the board reloads
  const filters = (
    <>
      <RefreshFailedNotice queries={[board, pipelines]} />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <DealSearchBox search={search} onChange={onSearchChange} />
        <OwnerFilter search={search} onChange={onSearchChange} />
      </div>
    </>
  );
  if (board.isPending)
    return (
      <>
        {filters}
        <Loading />
      </>
    );
  // a failed first load has nothing to show; a failed refresh keeps the board shown (below)
  if (board.isLoadingError)
    return (
      <>
        {filters}
        <QueryError error={board.error} onRetry={() => void board.refetch()} />
      </>
    );
  if ((search.owner || search.q) && openDealCount(board.data) === 0) {
    return (
      <>
        {filters}
        <div className="flex flex-col items-start gap-3 rounded-xl border border-dashed border-slate-300 bg-white p-5 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
          <p>{search.q ? t("deals.search.noMatch", { search: search.q }) : t("deals.board.noMatch")}</p>
          {search.q && (
            <Button variant="secondary" size="sm" onClick={() => onSearchChange({ ...search, q: undefined })}>
              {t("deals.search.clear")}
            </Button>
          )}
        </div>
      </>
    );
  }
  return (
    <>
      {filters}
      <BoardSummary board={board.data} canCreate={canMove} onCreate={onCreate} />
      {openDealCount(board.data) > 0 && <PipelineChartPanel board={board.data} />}
      {/* a move on the previous search's board would land in a cache entry nobody shows */}
      <DealsBoard board={board.data} boardInput={boardInput} canMove={canMove && !board.isPlaceholderData} />
      <span className="sr-only" aria-live="polite">
        {t("deals.board.summary", { count: openDealCount(board.data) })}
      </span>
    </>
  );
}

function BoardSummary({
  board,
  canCreate,
  onCreate,
}: {
  board: Board;
  canCreate: boolean;
  onCreate: () => void;
}) {
  const { t, locale } = useI18n();
  const count = openDealCount(board);
  if (count === 0) {
    return (
      <div className="mb-6 flex flex-col gap-4 rounded-xl border border-dashed border-indigo-200 bg-indigo-50/50 p-5 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">
            {t("deals.empty.title", { pipeline: board.pipeline.name })}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            {t(canCreate ? "deals.empty.description" : "deals.empty.readOnly")}
          </p>
        </div>
        {canCreate && (
          <Button onClick={onCreate} className="shrink-0">
            <Plus aria-hidden="true" className="size-4" />
            {t("deals.create.open")}
          </Button>
        )}
      </div>
    );
  }
  const totals = totalsByCurrency(
    board.columns.flatMap((column) => column.totals.map(({ amount, currency }) => ({ amount, currency }))),
  );
  return (
    <p className="mb-4 text-sm text-slate-600">
      <span className="font-medium text-slate-900">{t("deals.board.openDeals", { count })}</span>
      {totals.length > 0 && (
        <>
          {" · "}
          {t("deals.board.openValue", {
            value: totals.map((total) => formatMoney(total, locale)).join(" · "),
          })}
        </>
      )}
    </p>
  );
}
