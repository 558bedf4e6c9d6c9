import { useMutation } from "@tanstack/react-query";
import { ErrorAlert } from "../../components/ui/error-alert";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useTRPC } from "../../lib/trpc";
import { type Deal, useDealChangedElsewhere, useDealSaved } from "./use-deal-cache";
import type { Stage } from "./use-deal-options";

/** The pipeline's stages as steps; choosing one moves the deal there. */
export function StageProgress({
  deal,
  stages,
  canMove,
}: {
  deal: Deal;
  stages: readonly Stage[];
  canMove: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const onSaved = useDealSaved();
  const onRefused = useDealChangedElsewhere();
  const move = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: onSaved,
      onError: (error, input) => onRefused(error, input.id),
    }),
  );
  const currentIndex = stages.findIndex((stage) => stage.id === deal.stage);
  return (
    <div className="mb-6">
      <ol aria-label={t("deals.fields.stage")} className="flex gap-1 overflow-x-auto">
        {stages.map((stage, index) => {
          const current = stage.id === deal.stage;
          const reached = index <= currentIndex;
          return (
            <li key={stage.id} className="min-w-28 flex-1">
              <button
                type="button"
                aria-current={current ? "step" : undefined}
                disabled={!canMove || current || move.isPending}
                onClick={() =>
                  move.mutate({ id: deal.id, stage: stage.id, expectedUpdatedAt: deal.updatedAt })
                }
                title={current ? undefined : t("deals.stageProgress.moveTo", { stage: stage.name })}
                className={cx(
                  "w-full rounded-md px-3 py-2 text-left text-xs font-medium transition-colors",
                  "disabled:cursor-default",
                  reached
                    ? "bg-indigo-600 text-white"
                    : "bg-slate-100 text-slate-600 enabled:hover:bg-slate-200",
                  current && "ring-2 ring-indigo-300 ring-offset-1",
                )}
              >
                <span className="block truncate">{stage.name}</span>
                <span className={cx("block text-[11px]", reached ? "text-indigo-100" : "text-slate-600")}>
                  {t("deals.stageProgress.probability", { probability: stage.probability })}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <ErrorAlert
        error={move.error}
        overrides={{ PRECONDITION_FAILED: "deals.changedElsewhere" }}
        className="mt-3"
      />
    </div>
  );
}
