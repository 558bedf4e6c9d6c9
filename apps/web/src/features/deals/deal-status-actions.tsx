import { useMutation } from "@tanstack/react-query";
import { RotateCcw, ThumbsDown, Trophy } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { type Deal, useDealChangedElsewhere, useDealSaved } from "./use-deal-cache";

const changedElsewhere = { PRECONDITION_FAILED: "deals.changedElsewhere" } as const;

/** Win, lose (with a reason) or reopen a deal, if nobody changed it since the page loaded it. */
export function DealStatusActions({ deal }: { deal: Deal }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const onSaved = useDealSaved();
  const onRefused = useDealChangedElsewhere();
  const [losing, setLosing] = useState(false);
  const update = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: onSaved,
      onError: (error, input) => onRefused(error, input.id),
    }),
  );

  if (deal.status !== "open") {
    return (
      <div className="flex flex-col items-end gap-2">
        <Button
          variant="secondary"
          loading={update.isPending}
          onClick={() => update.mutate({ id: deal.id, status: "open", expectedUpdatedAt: deal.updatedAt })}
        >
          <RotateCcw aria-hidden="true" className="size-4" />
          {t("deals.actions.reopen")}
        </Button>
        <ErrorAlert error={update.error} overrides={changedElsewhere} />
      </div>
    );
  }
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          variant="success"
          loading={update.isPending && update.variables.status === "won"}
          onClick={() => update.mutate({ id: deal.id, status: "won", expectedUpdatedAt: deal.updatedAt })}
        >
          <Trophy aria-hidden="true" className="size-4" />
          {t("deals.actions.won")}
        </Button>
        <Button variant="secondary" onClick={() => setLosing(true)}>
          <ThumbsDown aria-hidden="true" className="size-4" />
          {t("deals.actions.lost")}
        </Button>
      </div>
      {!losing && <ErrorAlert error={update.error} overrides={changedElsewhere} />}
      <LostDialog open={losing} onOpenChange={setLosing} deal={deal} />
    </div>
  );
}

/**
 * Asks why the deal was lost and loses it, if nobody changed it since it was shown; also offered where a deal
 * is listed (the inbox's contact panel).
 */
export function LostDialog({
  open,
  onOpenChange,
  deal,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  deal: Pick<Deal, "id" | "title" | "updatedAt">;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const onSaved = useDealSaved();
  const onRefused = useDealChangedElsewhere();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const lose = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: async (saved) => {
        onOpenChange(false);
        setReason("");
        await onSaved(saved);
      },
      onError: (error, input) => onRefused(error, input.id),
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("deals.lost.title")}
      description={t("deals.lost.description", { title: deal.title })}
    >
      <form
        noValidate
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() === "") {
            setMissing(true);
            return;
          }
          lose.mutate({
            id: deal.id,
            status: "lost",
            lostReason: reason.trim(),
            expectedUpdatedAt: deal.updatedAt,
          });
        }}
      >
        <ErrorAlert error={lose.error} overrides={changedElsewhere} />
        <TextareaField
          label={t("deals.lost.reason")}
          placeholder={t("deals.lost.placeholder")}
          value={reason}
          error={missing ? t("errors.field.required") : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
        />
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" variant="danger" loading={lose.isPending}>
            {t("deals.lost.confirm")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
