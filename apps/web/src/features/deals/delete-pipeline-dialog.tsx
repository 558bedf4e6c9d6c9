import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { SelectField } from "../../components/ui/select-field";
import { useI18n } from "../../i18n/i18n-provider";
import type { Translate } from "../../i18n/translate";
import type { RouterOutputs } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";
import type { Pipeline } from "./use-deal-options";

type PipelineList = RouterOutputs["pipelines"]["list"];
type DealCounts = RouterOutputs["pipelines"]["dealCounts"];

/** "2 open deals, 1 won deal", naming only the statuses the pipeline has. */
function describeDeals(counts: DealCounts, t: Translate): string {
  const parts = [
    counts.open > 0 && t("pipelines.delete.openDeals", { count: counts.open }),
    counts.won > 0 && t("pipelines.delete.wonDeals", { count: counts.won }),
    counts.lost > 0 && t("pipelines.delete.lostDeals", { count: counts.lost }),
  ];
  return parts.filter((part) => typeof part === "string").join(", ");
}

interface DeletePipelineDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipeline: Pipeline;
  pipelines: readonly Pipeline[];
  onDeleted: () => void;
}

/**
 * Deletes a pipeline, moving its deals (open, won and lost) to a stage of another pipeline. It counts them first,
 * so the only pipeline with a won deal says why it cannot go instead of offering a delete that the server refuses.
 */
export function DeletePipelineDialog({
  open,
  onOpenChange,
  pipeline,
  pipelines,
  onDeleted,
}: DeletePipelineDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const targets = pipelines
    .filter((other) => other.id !== pipeline.id)
    .flatMap((other) =>
      other.stages.map((stage) => ({ value: stage.id, label: `${other.name} › ${stage.name}` })),
    );
  const [target, setTarget] = useState("");
  const counts = useQuery(trpc.pipelines.dealCounts.queryOptions({ id: pipeline.id }, { enabled: open }));
  const total = counts.data ? counts.data.open + counts.data.won + counts.data.lost : 0;
  const blocked = total > 0 && targets.length === 0;
  const chosen = targets.some((option) => option.value === target) ? target : (targets[0]?.value ?? "");
  const remove = useMutation(
    trpc.pipelines.remove.mutationOptions({
      onSuccess: async (_result, { id }) => {
        // The pipeline is gone: its queries are dropped, not refetched (that would only answer 404), and the
        // list loses it at once, so the settings and the board show another pipeline.
        const gone = [
          trpc.pipelines.board.queryKey({ pipelineId: id }),
          trpc.pipelines.get.queryKey({ id }),
          trpc.pipelines.dealCounts.queryKey({ id }),
        ];
        await Promise.all(gone.map((queryKey) => queryClient.cancelQueries({ queryKey })));
        for (const queryKey of gone) queryClient.removeQueries({ queryKey });
        queryClient.setQueriesData<PipelineList>({ queryKey: trpc.pipelines.list.pathKey() }, (list) =>
          list ? { ...list, items: list.items.filter((item) => item.id !== id) } : list,
        );
        onOpenChange(false);
        onDeleted();
        // its deals moved to another pipeline: that board, the deals and the list are refreshed
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.pipelines.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
        ]);
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) remove.reset();
      }}
      title={t("pipelines.delete.title", { name: pipeline.name })}
      description={
        !counts.data
          ? undefined
          : total === 0
            ? t("pipelines.delete.empty")
            : t(blocked ? "pipelines.delete.blocked" : "pipelines.delete.moves", {
                deals: describeDeals(counts.data, t),
              })
      }
    >
      <div className="space-y-5">
        {counts.isPending ? (
          <Loading />
        ) : counts.isError ? (
          <QueryError error={counts.error} onRetry={() => void counts.refetch()} />
        ) : null}
        <ErrorAlert error={remove.error} overrides={{ CONFLICT: "errors.pipelineHasDeals" }} />
        {total > 0 && targets.length > 0 && (
          <SelectField
            label={t("pipelines.delete.target")}
            value={chosen}
            onChange={(event) => setTarget(event.target.value)}
            options={targets}
          />
        )}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t("common.cancel")}
          </Button>
          <Button
            variant="danger"
            disabled={!counts.isSuccess || blocked}
            loading={remove.isPending}
            onClick={() => remove.mutate({ id: pipeline.id, moveDealsToStageId: chosen || undefined })}
          >
            {t("pipelines.delete.confirm")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
