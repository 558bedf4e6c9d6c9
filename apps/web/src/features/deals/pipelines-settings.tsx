import { Plus, Workflow } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { CreatePipelineDialog } from "./create-pipeline-dialog";
import { PipelineEditor } from "./pipeline-editor";
import { usePipelines } from "./use-deal-options";

export function PipelinesSettings({ canEdit, canDelete }: { canEdit: boolean; canDelete: boolean }) {
  const { t } = useI18n();
  const pipelines = usePipelines();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  if (pipelines.isPending) return <Loading />;
  if (pipelines.isError)
    return <QueryError error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  const items = pipelines.data.items;
  const selected = items.find((pipeline) => pipeline.id === selectedId) ?? items[0];
  const createButton = canEdit && (
    <Button variant="secondary" size="sm" onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" className="size-4" />
      {t("pipelines.create.open")}
    </Button>
  );

  return (
    <div className="space-y-6">
      {items.length > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <nav aria-label={t("pipelines.list")} className="flex flex-wrap gap-2">
            {items.map((pipeline) => (
              <button
                key={pipeline.id}
                type="button"
                aria-current={pipeline.id === selected?.id ? "true" : undefined}
                onClick={() => setSelectedId(pipeline.id)}
                className={cx(
                  "rounded-full px-3.5 py-1.5 text-sm font-medium ring-1 ring-inset transition-colors",
                  pipeline.id === selected?.id
                    ? "bg-indigo-600 text-white ring-indigo-600"
                    : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                )}
              >
                {pipeline.name}
              </button>
            ))}
          </nav>
          {createButton}
        </div>
      )}
      {selected ? (
        <PipelineEditor
          key={selected.id}
          pipeline={selected}
          pipelines={items}
          canEdit={canEdit}
          canDelete={canDelete}
          onDeleted={() => setSelectedId(null)}
        />
      ) : (
        <EmptyState
          icon={Workflow}
          title={t("pipelines.empty.title")}
          description={t("pipelines.empty.description")}
        >
          {createButton}
        </EmptyState>
      )}
      <CreatePipelineDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(pipeline) => setSelectedId(pipeline.id)}
      />
    </div>
  );
}
