import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ThumbsDown, Trophy, X } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { FilterSelect } from "../../components/ui/filter-select";
import { useI18n } from "../../i18n/i18n-provider";
import type { RouterOutputs } from "../../lib/api-types";
import { errorCodeOf, toErrorView } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { LostDialog } from "../deals/deal-status-actions";
import type { Pipeline, Stage } from "../deals/use-deal-options";
import { WonDialog } from "../deals/won-dialog";

type ContactDealPage = RouterOutputs["contacts"]["deals"];
export type ContactDeal = ContactDealPage["items"][number];

export interface StageMoveFailure {
  title: string;
  from: string;
  to: string;
  error: unknown;
}

/**
 * Moves a deal of the contact panel to another stage at once and tells the server afterwards, on the
 * condition that the deal is still the version the panel shows; a refusal puts the old stage back and
 * leaves a failure to show.
 */
export function useMoveContactDeal(listInput: { id: string; limit: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.contacts.deals.infiniteQueryKey(listInput);
  const [failure, setFailure] = useState<StageMoveFailure | null>(null);
  const patchDeal = (id: string, patch: Partial<ContactDeal>) =>
    queryClient.setQueryData(listKey, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((deal) => (deal.id === id ? { ...deal, ...patch } : deal)),
            })),
          }
        : data,
    );

  const mutation = useMutation(
    trpc.deals.update.mutationOptions({
      onMutate: async (input) => {
        setFailure(null);
        await queryClient.cancelQueries({ queryKey: listKey });
        const before = queryClient.getQueryData(listKey);
        if (input.stage) patchDeal(input.id, { stage: input.stage });
        return { before };
      },
      onError: (_error, _input, context) => {
        if (context?.before) queryClient.setQueryData(listKey, context.before);
      },
      onSuccess: (deal) => {
        patchDeal(deal.id, { stage: deal.stage, status: deal.status, updatedAt: deal.updatedAt });
        queryClient.setQueryData(trpc.deals.get.queryKey({ id: deal.id }), deal);
      },
      onSettled: (_deal, _error, input) =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.pipelines.board.pathKey() }),
          queryClient.invalidateQueries({
            queryKey: trpc.deals.activities.infiniteQueryKey({ id: input.id }),
          }),
        ]),
    }),
  );

  return {
    move: (deal: ContactDeal, stageId: string, stageName: (id: string) => string) =>
      mutation.mutate(
        { id: deal.id, stage: stageId, expectedUpdatedAt: deal.updatedAt },
        {
          onError: (error) =>
            setFailure({ title: deal.title, from: stageName(deal.stage), to: stageName(stageId), error }),
        },
      ),
    failure,
    dismissFailure: () => setFailure(null),
  };
}

interface DealStageProps {
  deal: ContactDeal;
  pipeline: Pipeline | undefined;
  editable: boolean;
  onMove: (stageId: string) => void;
}

/** The stage an open deal is in: a select of its pipeline's stages for who may move it, a label otherwise. */
export function DealStage({ deal, pipeline, editable, onMove }: DealStageProps) {
  const { t } = useI18n();
  const stages: readonly Stage[] = pipeline?.stages ?? [];
  const current = stages.find((stage) => stage.id === deal.stage);
  if (!editable || stages.length === 0) {
    return (
      <p className="mt-1 flex items-center gap-1.5 text-xs text-slate-600">
        <span className="sr-only">{t("inbox.contact.stage")}:</span>
        {current && (
          <span
            aria-hidden="true"
            className="size-2 shrink-0 rounded-full"
            style={{ backgroundColor: current.color }}
          />
        )}
        <span className="truncate">{current?.name ?? t("deals.activity.unknownStage")}</span>
      </p>
    );
  }
  return (
    <FilterSelect
      className="mt-1.5"
      label={t("inbox.contact.stageOf", { title: deal.title })}
      value={deal.stage}
      options={stages.map((stage) => ({ value: stage.id, label: stage.name }))}
      onChange={(event) => {
        if (event.target.value !== deal.stage) onMove(event.target.value);
      }}
    />
  );
}

/** Why a move from the panel was undone, until the user dismisses it or moves again. */
export function StageMoveNotice({
  failure,
  onDismiss,
}: {
  failure: StageMoveFailure;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  const changedElsewhere = errorCodeOf(failure.error) === "PRECONDITION_FAILED";
  return (
    <Alert tone="error" className="mt-3">
      <div className="flex items-start justify-between gap-3">
        <p>
          {t("inbox.contact.moveFailed", { title: failure.title, to: failure.to, from: failure.from })}{" "}
          {changedElsewhere ? t("inbox.contact.changedElsewhere") : t(toErrorView(failure.error).message)}
        </p>
        <button
          type="button"
          onClick={onDismiss}
          aria-label={t("common.dismiss")}
          className="-m-1 rounded p-1 text-red-700 hover:bg-red-100"
        >
          <X aria-hidden="true" className="size-4" />
        </button>
      </div>
    </Alert>
  );
}

/** Win (after a confirmation naming the deal) or lose (with a reason) an open deal of the panel. */
export function DealOutcomeActions({ deal }: { deal: ContactDeal }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<"won" | "lost" | null>(null);
  return (
    <>
      <div className="mt-1 flex flex-wrap gap-1">
        <Button variant="ghost" size="sm" onClick={() => setAsking("won")}>
          <Trophy aria-hidden="true" className="size-4" />
          {t("deals.actions.won")}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setAsking("lost")}>
          <ThumbsDown aria-hidden="true" className="size-4" />
          {t("deals.actions.lost")}
        </Button>
      </div>
      <WonDialog
        open={asking === "won"}
        onOpenChange={(open) => setAsking(open ? "won" : null)}
        deal={deal}
      />
      <LostDialog
        open={asking === "lost"}
        onOpenChange={(open) => setAsking(open ? "lost" : null)}
        deal={deal}
      />
    </>
  );
}
