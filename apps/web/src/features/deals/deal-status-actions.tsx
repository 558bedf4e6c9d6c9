import { useMutation } from "@tanstack/react-query";
import { RotateCcw, ThumbsDown, Trophy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { SelectField } from "../../components/ui/select-field";
import { Spinner } from "../../components/ui/spinner";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";
import { toErrorView } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { lostReasonChoice, lostReasonInput, otherReason } from "./lost-reason-choice";
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
 * (the inbox's contact panel). Reasons that failed to load are retried, never replaced by a written reason.
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
  const [retryOf, setRetryOf] = useState<unknown>(null);
  const choice = lostReasonChoice(reasons, retryOf);
  const [picked, setPicked] = useState("");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState<"pick" | "text" | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const [retried, setRetried] = useState(false);
  const ready = choice.kind === "listed" || choice.kind === "written";
  // the Retry button that had focus is gone: the first field takes it, as when the dialog opens
  useEffect(() => {
    if (!retried || !ready) return;
    setRetried(false);
    form.current?.querySelector<HTMLElement>("select, textarea")?.focus();
  }, [retried, ready]);
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
  const retry = (error: unknown) => {
    // a second click would cancel the running retry, whose end would then show the spinner in the error's place
    if (reasons.isFetching) return;
    setRetryOf(error);
    setRetried(true);
    void reasons.refetch().finally(() => setRetryOf(null));
  };
  const writing = choice.kind === "written" || picked === otherReason;
  const actions = (
    <div className="flex justify-end gap-3">
      <Button variant="secondary" onClick={() => onOpenChange(false)}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" variant="danger" disabled={!ready} loading={lose.isPending}>
        {t("deals.lost.confirm")}
      </Button>
    </div>
  );
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("deals.lost.title")}
      description={t("deals.lost.description", { title: deal.title })}
    >
      {/* the form waits for the list: a reason typed meanwhile would become a note under a list that appeared */}
      {choice.kind === "loading" && <Loading />}
      {choice.kind === "failed" && (
        <div className="space-y-5">
          <ReasonsFailed
            error={choice.error}
            retrying={choice.retrying}
            onRetry={() => retry(choice.error)}
          />
          {actions}
        </div>
      )}
      {ready && (
        <form
          ref={form}
          noValidate
          className="space-y-5"
          onSubmit={(event) => {
            event.preventDefault();
            const input = lostReasonInput(choice, picked, text);
            if (!input) return;
            if ("missing" in input) return setMissing(input.missing);
            lose.mutate({ id: deal.id, status: "lost", ...input, expectedUpdatedAt: deal.updatedAt });
          }}
        >
          <ErrorAlert error={lose.error} overrides={changedElsewhere} />
          {choice.kind === "listed" && (
            <SelectField
              label={t("deals.lost.reason")}
              value={picked}
              error={missing === "pick" ? t("deals.lost.pickRequired") : undefined}
              options={[
                { value: "", label: t("deals.lost.pickPlaceholder"), disabled: true },
                ...choice.offered.map((reason) => ({ value: reason.id, label: reason.name })),
                { value: otherReason, label: t("deals.lost.otherReason") },
              ]}
              onChange={(event) => {
                setPicked(event.target.value);
                setMissing(null);
              }}
            />
          )}
          <TextareaField
            label={
              choice.kind === "written"
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
          {actions}
        </form>
      )}
    </Dialog>
  );
}

/** The reasons did not load: said inline, with the server's answer, and a retry that keeps focus while it runs. */
function ReasonsFailed({
  error,
  retrying,
  onRetry,
}: {
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="space-y-3">
      <Alert tone="error">
        <p>{t("deals.lost.reasonsFailed")}</p>
        <p className="mt-1 text-xs break-words">{t(toErrorView(error).message)}</p>
      </Alert>
      {/* not disabled while it runs: a disabled button would drop the focus it has */}
      <Button variant="secondary" size="sm" aria-busy={retrying || undefined} onClick={onRetry}>
        {retrying && <Spinner />}
        {t("common.tryAgain")}
      </Button>
    </div>
  );
}
