import { useMutation } from "@tanstack/react-query";
import { RotateCcw, ThumbsDown, Trophy } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { SelectField } from "../../components/ui/select-field";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { type Deal, useDealChangedElsewhere, useDealSaved } from "./use-deal-cache";
import { useLostReasons } from "./use-deal-options";

const changedElsewhere = { PRECONDITION_FAILED: "deals.changedElsewhere" } as const;

/** Win, lose (with a reason) or reopen a deal, if nobody changed it since the page loaded it. */
export function DealStatusActions({ deal }: { deal: Deal }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const onSaved = useDealSaved();
  const onRefused = useDealChangedElsewhere();
  const [losing, setLosing] = useState(false);
  // asked for with the page, so the lost dialog usually opens with its reasons already there
  useLostReasons();
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
 * Asks why the deal was lost, offering the organization's lost reasons (with an optional note) or a written
 * reason ("Other"), and loses it if nobody changed it since it was shown; also offered where a deal is listed
 * (the inbox's contact panel).
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
  const reasons = useLostReasons();
  const offered = (reasons.data?.items ?? []).filter((reason) => !reason.archived);
  const [picked, setPicked] = useState("");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState<"pick" | "text" | null>(null);
  const lose = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: async (saved) => {
        onOpenChange(false);
        setPicked("");
        setText("");
        await onSaved(saved);
      },
      onError: (error, input) => onRefused(error, input.id),
    }),
  );
  // with no reasons to offer, the reason is written, as before the list existed
  const writing = offered.length === 0 || picked === other;
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("deals.lost.title")}
      description={t("deals.lost.description", { title: deal.title })}
    >
      {/* the form waits for the list: a reason typed meanwhile would become a note under a list that appeared */}
      {reasons.isPending ? (
        <Loading />
      ) : (
        <form
          noValidate
          className="space-y-5"
          onSubmit={(event) => {
            event.preventDefault();
            const note = text.trim();
            if (!writing && picked === "") return setMissing("pick");
            if (writing && note === "") return setMissing("text");
            lose.mutate({
              id: deal.id,
              status: "lost",
              ...(writing ? { lostReason: note } : { lostReasonId: picked, lostReason: note || undefined }),
              expectedUpdatedAt: deal.updatedAt,
            });
          }}
        >
          <ErrorAlert error={lose.error} overrides={changedElsewhere} />
          {offered.length > 0 && (
            <SelectField
              label={t("deals.lost.reason")}
              value={picked}
              error={missing === "pick" ? t("deals.lost.pickRequired") : undefined}
              options={[
                { value: "", label: t("deals.lost.pickPlaceholder"), disabled: true },
                ...offered.map((reason) => ({ value: reason.id, label: reason.name })),
                { value: other, label: t("deals.lost.otherReason") },
              ]}
              onChange={(event) => {
                setPicked(event.target.value);
                setMissing(null);
              }}
            />
          )}
          <TextareaField
            label={
              offered.length === 0
                ? t("deals.lost.reason")
                : writing
                  ? t("deals.lost.describe")
                  : t("deals.lost.note")
            }
            placeholder={writing ? t("deals.lost.placeholder") : t("deals.lost.notePlaceholder")}
            value={text}
            error={missing === "text" ? t("errors.field.required") : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setMissing(null);
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
      )}
    </Dialog>
  );
}

/** The select's value for a written reason: no reason id looks like it. */
const other = "other";
