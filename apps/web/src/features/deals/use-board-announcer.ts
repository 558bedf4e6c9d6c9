import { useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { toErrorView } from "../../lib/errors";
import type { Stage } from "./use-deal-options";
import type { MoveFailure } from "./use-move-deal";

/**
 * What the board tells a screen reader while a card is moved, by drag or with its menu, in one live region.
 * Dropping a card only asks the server: the region says "moving", then what the server answered, so it never
 * says a card landed somewhere the board then takes it back from.
 */
export function useBoardAnnouncer(stages: readonly Stage[]) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const stageName = (id: string) => stages.find((stage) => stage.id === id)?.name ?? "";

  const failureMessage = (failure: MoveFailure) =>
    failure.changedElsewhere
      ? t("deals.board.changedElsewhere", { title: failure.deal.title, to: stageName(failure.toStageId) })
      : `${t("deals.board.moveFailed", {
          title: failure.deal.title,
          to: stageName(failure.toStageId),
          from: stageName(failure.fromStageId),
        })} ${t(toErrorView(failure.error).message)}`;

  return {
    text,
    /** The same sentence as the alert the board shows, so the two never disagree. */
    failureMessage,
    picked: (title: string, stageId: string) =>
      setText(t("deals.board.announce.picked", { title, stage: stageName(stageId) })),
    over: (title: string, stageId: string) =>
      setText(t("deals.board.announce.over", { title, stage: stageName(stageId) })),
    cancelled: (title: string, stageId: string) =>
      setText(t("deals.board.announce.cancelled", { title, stage: stageName(stageId) })),
    moving: (title: string, stageId: string) =>
      setText(t("deals.board.announce.moving", { title, stage: stageName(stageId) })),
    moved: (title: string, stageId: string) =>
      setText(t("deals.board.announce.moved", { title, stage: stageName(stageId) })),
    refused: (failure: MoveFailure) => setText(failureMessage(failure)),
  };
}
