import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { toErrorView } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { DeletePipelineDialog } from "./delete-pipeline-dialog";
import { dragAccessibility } from "./drag-accessibility";
import { RemoveStagesDialog } from "./remove-stages-dialog";
import {
  draftsFromPipeline,
  hasStageProblems,
  isPipelineDirty,
  keptStages,
  moveStage,
  newStageColor,
  removedStages,
  type StageDraft,
  toStageInputs,
} from "./stage-drafts";
import { StageRow } from "./stage-row";
import type { Pipeline } from "./use-deal-options";

interface PipelineEditorProps {
  pipeline: Pipeline;
  pipelines: readonly Pipeline[];
  canEdit: boolean;
  canDelete: boolean;
  onDeleted: () => void;
}

let newStageCounter = 0;

/** Rename a pipeline and edit its stages; saved in one go, asking where deals go when stages disappear. */
export function PipelineEditor({ pipeline, pipelines, canEdit, canDelete, onDeleted }: PipelineEditorProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(pipeline.name);
  const [drafts, setDrafts] = useState<StageDraft[]>(() => draftsFromPipeline(pipeline));
  const [showProblems, setShowProblems] = useState(false);
  const [askTarget, setAskTarget] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [saved, setSaved] = useState(false);
  const stageList = useRef<HTMLOListElement>(null);
  const stageActions = useRef<HTMLDivElement>(null);
  const board = useQuery(trpc.pipelines.board.queryOptions({ pipelineId: pipeline.id, limit: 1 }));
  const counts = new Map((board.data?.columns ?? []).map((column) => [column.stage.id, column.count]));
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));

  const update = useMutation(
    trpc.pipelines.update.mutationOptions({
      onSuccess: async (next) => {
        setAskTarget(false);
        setSaved(true);
        setName(next.name);
        setDrafts(draftsFromPipeline(next));
        await queryClient.invalidateQueries({ queryKey: trpc.pipelines.pathKey() });
      },
      onError: (error) => {
        // The server counts won and lost deals too: a removed stage it says still has deals needs a target.
        if (toErrorView(error).fieldErrors.moveDealsToStageId) setAskTarget(true);
      },
    }),
  );

  const removed = removedStages(pipeline, drafts);
  const dirty = isPipelineDirty(pipeline, name, drafts);
  const edit = (next: StageDraft[]) => {
    setDrafts(next);
    setSaved(false);
  };
  const save = (moveDealsToStageId?: string) => {
    update.mutate({ id: pipeline.id, name: name.trim(), stages: toStageInputs(drafts), moveDealsToStageId });
  };
  const onSubmit = () => {
    setShowProblems(true);
    if (name.trim() === "" || hasStageProblems(drafts)) return;
    if (removed.some((stage) => (counts.get(stage.id) ?? 0) > 0)) setAskTarget(true);
    else save();
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = drafts.findIndex((draft) => draft.key === active.id);
    const to = drafts.findIndex((draft) => draft.key === over.id);
    edit(moveStage(drafts, from, to));
  };
  const stageName = (key: string) => {
    const index = drafts.findIndex((draft) => draft.key === key);
    return drafts[index]?.name || t("pipelines.stage.unnamed", { position: index + 1 });
  };
  const place = (key: string) => ({
    position: drafts.findIndex((draft) => draft.key === key) + 1,
    total: drafts.length,
  });
  const accessibility = dragAccessibility({
    instructions: t("pipelines.stage.instructions"),
    picked: (key) => t("pipelines.stage.announce.picked", { name: stageName(key) }),
    over: (key, overKey) => t("pipelines.stage.announce.over", { name: stageName(key), ...place(overKey) }),
    dropped: (key, overKey) =>
      t("pipelines.stage.announce.dropped", { name: stageName(key), ...place(overKey) }),
    cancelled: (key) => t("pipelines.stage.announce.cancelled", { name: stageName(key) }),
  });

  return (
    <Card
      title={pipeline.name}
      description={t("pipelines.editor.description")}
      actions={
        canDelete && (
          <Button variant="ghost" size="sm" onClick={() => setDeleting(true)}>
            <Trash2 aria-hidden="true" className="size-4" />
            {t("pipelines.delete.open")}
          </Button>
        )
      }
    >
      <form
        noValidate
        className="space-y-6"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {update.error && !askTarget ? <ErrorAlert error={update.error} /> : null}
        {saved && !dirty && <Alert tone="success">{t("settings.saved")}</Alert>}
        <TextField
          label={t("pipelines.name")}
          value={name}
          disabled={!canEdit}
          error={showProblems && name.trim() === "" ? t("errors.field.required") : undefined}
          onChange={(event) => {
            setName(event.target.value);
            setSaved(false);
          }}
          className="max-w-md"
        />
        <div>
          <div className="mb-2 hidden grid-cols-[auto_auto_minmax(0,1fr)_7rem_7rem_auto] gap-3 px-3 text-xs font-medium text-slate-500 sm:grid">
            <span className="w-5" />
            <span className="w-8" />
            <span>{t("pipelines.stage.name")}</span>
            <span>{t("pipelines.stage.probability")}</span>
            <span>{t("pipelines.stage.rotting")}</span>
            <span className="w-[5.5rem]" />
          </div>
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            accessibility={accessibility}
            onDragEnd={onDragEnd}
          >
            <SortableContext items={drafts.map((draft) => draft.key)} strategy={verticalListSortingStrategy}>
              <ol ref={stageList} aria-label={t("pipelines.stages")} className="space-y-2">
                {drafts.map((draft, index) => (
                  <StageRow
                    key={draft.key}
                    draft={draft}
                    index={index}
                    total={drafts.length}
                    disabled={!canEdit}
                    canRemove={canDelete || draft.id === undefined}
                    dealCount={draft.id ? (counts.get(draft.id) ?? 0) : 0}
                    showProblems={showProblems}
                    onChange={(next) => edit(drafts.map((item) => (item.key === next.key ? next : item)))}
                    onMove={(to) => edit(moveStage(drafts, index, to))}
                    onRemove={() => {
                      // the button pressed is gone with its row: focus goes on, to the next stage's name (now
                      // in the same place) or, after the last one, the add button, not back to the page's start
                      flushSync(() => edit(drafts.filter((item) => item.key !== draft.key)));
                      const next =
                        stageList.current?.children[index]?.querySelector<HTMLInputElement>(
                          'input[type="text"]',
                        );
                      (
                        next ?? stageActions.current?.querySelector<HTMLButtonElement>("[data-add-stage]")
                      )?.focus();
                    }}
                  />
                ))}
              </ol>
            </SortableContext>
          </DndContext>
          <p className="mt-2 text-xs text-slate-500">{t("pipelines.stage.hint")}</p>
        </div>
        {canEdit && (
          <div
            ref={stageActions}
            className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-5"
          >
            <Button
              data-add-stage=""
              variant="secondary"
              size="sm"
              disabled={drafts.length >= 30}
              onClick={() => {
                newStageCounter += 1;
                edit([
                  ...drafts,
                  {
                    key: `new-${newStageCounter}`,
                    name: "",
                    color: newStageColor,
                    probability: "0",
                    rottingDays: "",
                  },
                ]);
              }}
            >
              <Plus aria-hidden="true" className="size-4" />
              {t("pipelines.stage.add")}
            </Button>
            <div className="flex gap-3">
              {dirty && (
                <Button
                  variant="ghost"
                  onClick={() => {
                    setName(pipeline.name);
                    setDrafts(draftsFromPipeline(pipeline));
                    setShowProblems(false);
                    update.reset();
                  }}
                >
                  {t("pipelines.discard")}
                </Button>
              )}
              <Button type="submit" disabled={!dirty} loading={update.isPending && !askTarget}>
                {t("common.saveChanges")}
              </Button>
            </div>
          </div>
        )}
      </form>
      <RemoveStagesDialog
        open={askTarget}
        onOpenChange={(open) => {
          setAskTarget(open);
          if (!open) update.reset();
        }}
        removed={removed}
        targets={keptStages(pipeline, drafts)}
        pending={update.isPending}
        error={
          update.error && !toErrorView(update.error).fieldErrors.moveDealsToStageId ? update.error : null
        }
        onConfirm={save}
      />
      <DeletePipelineDialog
        open={deleting}
        onOpenChange={setDeleting}
        pipeline={pipeline}
        pipelines={pipelines}
        onDeleted={onDeleted}
      />
    </Card>
  );
}
