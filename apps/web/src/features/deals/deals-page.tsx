import { can } from "@crm/domain/shared/permissions";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Handshake, Plus, Settings2 } from "lucide-react";
import { useState } from "react";
import { Button, buttonClasses } from "../../components/ui/button";
import { EmptyState } from "../../components/ui/empty-state";
import { FilterSelect } from "../../components/ui/filter-select";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { QueryError } from "../../components/ui/query-error";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney, totalsByCurrency } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { type Board, openDealCount } from "./board-state";
import { CreateDealDialog } from "./create-deal-dialog";
import { DealsBoard } from "./deals-board";
import { PipelineChartPanel } from "./pipeline-chart-panel";
import { type Pipeline, usePipelines } from "./use-deal-options";

export const boardPageSize = 25;

interface DealsPageProps {
  pipelineId: string | undefined;
  onPipelineChange: (pipelineId: string) => void;
}

export function DealsPage({ pipelineId, onPipelineChange }: DealsPageProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t("deals.title"));
  const mayWrite = can(user.role, "deals:write");
  const items = pipelines.data?.items ?? [];
  const current = items.find((pipeline) => pipeline.id === pipelineId) ?? items[0];

  return (
    <>
      <PageHeader
        title={t("deals.title")}
        description={t("deals.description")}
        actions={
          current && (
            <div className="flex flex-wrap items-center gap-2">
              {items.length > 1 && (
                <FilterSelect
                  label={t("deals.pipeline")}
                  value={current.id}
                  onChange={(event) => onPipelineChange(event.target.value)}
                  options={items.map((pipeline) => ({ value: pipeline.id, label: pipeline.name }))}
                  className="w-56"
                />
              )}
              {mayWrite && (
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
      ) : pipelines.isError ? (
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
      ) : (
        <PipelineBoard pipeline={current} canMove={mayWrite} onCreate={() => setCreating(true)} />
      )}
      <CreateDealDialog open={creating} onOpenChange={setCreating} initialPipelineId={current?.id} />
    </>
  );
}

function PipelineBoard({
  pipeline,
  canMove,
  onCreate,
}: {
  pipeline: Pipeline;
  canMove: boolean;
  onCreate: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const boardInput = { pipelineId: pipeline.id, limit: boardPageSize };
  const board = useQuery(trpc.pipelines.board.queryOptions(boardInput));
  if (board.isPending) return <Loading />;
  if (board.isError) return <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  return (
    <>
      <BoardSummary board={board.data} canCreate={canMove} onCreate={onCreate} />
      {openDealCount(board.data) > 0 && <PipelineChartPanel board={board.data} />}
      <DealsBoard board={board.data} boardInput={boardInput} canMove={canMove} />
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
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("deals.empty.description")}</p>
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
