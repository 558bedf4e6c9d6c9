import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { SelectField } from "../../components/ui/select-field";
import { useI18n } from "../../i18n/i18n-provider";
import type { RouterOutputs } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";
import type { Pipeline } from "./use-deal-options";

type PipelineList = RouterOutputs["pipelines"]["list"];

interface DeletePipelineDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipeline: Pipeline;
  pipelines: readonly Pipeline[];
  onDeleted: () => void;
}

/** Deletes a pipeline, moving its deals to a stage of another pipeline when there is one. */
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
  const chosen = targets.some((option) => option.value === target) ? target : (targets[0]?.value ?? "");
  const remove = useMutation(
    trpc.pipelines.remove.mutationOptions({
      onSuccess: async (_result, { id }) => {
        // The pipeline is gone: its queries are dropped, not refetched (that would only answer 404), and the
        // list loses it at once, so the settings and the board show another pipeline.
        const gone = [trpc.pipelines.board.queryKey({ pipelineId: id }), trpc.pipelines.get.queryKey({ id })];
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
        targets.length > 0 ? t("pipelines.delete.description") : t("pipelines.delete.descriptionLast")
      }
    >
      <div className="space-y-5">
        <ErrorAlert error={remove.error} overrides={{ CONFLICT: "errors.pipelineHasDeals" }} />
        {targets.length > 0 && (
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
