import { useMutation } from "@tanstack/react-query";
import { Trophy } from "lucide-react";
import { Button } from "../../components/ui/button";
import { Dialog, initialFocus } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { type Deal, useDealChangedElsewhere, useDealSaved } from "./use-deal-cache";

/**
 * Asks before winning a deal where several are listed side by side (the inbox's contact panel), naming the deal
 * and its value, so a click on the wrong row wins nothing. It opens on Cancel; a refusal keeps it open and says why.
 */
export function WonDialog({
  open,
  onOpenChange,
  deal,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  deal: Pick<Deal, "id" | "title" | "updatedAt" | "value">;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const onSaved = useDealSaved();
  const onRefused = useDealChangedElsewhere();
  const win = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: async (saved) => {
        onOpenChange(false);
        await onSaved(saved);
      },
      onError: (error, input) => onRefused(error, input.id),
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) win.reset();
        onOpenChange(next);
      }}
      title={t("deals.won.title")}
      description={t("deals.won.description", { title: deal.title, value: formatMoney(deal.value, locale) })}
    >
      <ErrorAlert
        error={win.error}
        overrides={{ PRECONDITION_FAILED: "deals.won.changedElsewhere" }}
        className="mb-4"
      />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => onOpenChange(false)} {...initialFocus}>
          {t("common.cancel")}
        </Button>
        <Button
          variant="success"
          loading={win.isPending}
          onClick={() => win.mutate({ id: deal.id, status: "won", expectedUpdatedAt: deal.updatedAt })}
        >
          <Trophy aria-hidden="true" className="size-4" />
          {t("deals.won.confirm")}
        </Button>
      </div>
    </Dialog>
  );
}
