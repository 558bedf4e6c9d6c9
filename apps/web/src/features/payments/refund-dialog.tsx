import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { isZeroDecimal } from "../../lib/decimal";
import { amountForInput, formatMoney } from "../../lib/money";
import { idempotencyKeyContext, useTRPC } from "../../lib/trpc";
import type { Payment } from "./payment-filters";
import {
  heldOf,
  isLostAnswer,
  isUnconfirmedRefund,
  refundAmountOf,
  refundableNowOf,
  refundErrorMessages,
} from "./refund";
import { usePaymentChanged } from "./use-payment-changed";

interface RefundDialogProps {
  payment: Payment | null;
  onOpenChange: (open: boolean) => void;
}

export function RefundDialog({ payment, onOpenChange }: RefundDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={payment !== null}
      onOpenChange={onOpenChange}
      title={t("payments.refund.title")}
      description={t("payments.refund.description")}
    >
      {payment && <RefundForm key={payment.id} payment={payment} onDone={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function RefundForm({ payment, onDone }: { payment: Payment; onDone: () => void }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const paymentChanged = usePaymentChanged();
  const refundable = refundableNowOf(payment);
  const held = heldOf(payment);
  const nothingLeft = isZeroDecimal(refundable);
  const [mode, setMode] = useState<"full" | "partial">("full");
  const [text, setText] = useState(amountForInput(refundable, locale));
  const [problem, setProblem] = useState<PlainMessageKey | null>(null);
  // one key per opening of the dialog: a submission sent again after a lost answer is the same refund
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const refund = useMutation(
    trpc.payments.refund.mutationOptions({
      trpc: { context: { [idempotencyKeyContext]: idempotencyKey } },
      onSuccess: async (updated) => {
        onDone();
        await paymentChanged(updated);
      },
      // an unconfirmed refund holds its amount: what is left changes
      onError: async (error) => {
        if (isUnconfirmedRefund(error)) await paymentChanged(payment);
      },
    }),
  );
  const money = (amount: string) => formatMoney({ amount, currency: payment.currency }, locale);
  const unconfirmed = isUnconfirmedRefund(refund.error);
  // the same request again, whatever was typed since: another body under the same key would be refused
  const lostAnswer = isLostAnswer(refund.error) ? refund.variables : undefined;

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        if (unconfirmed || nothingLeft) return;
        if (lostAnswer) {
          refund.mutate(lostAnswer);
          return;
        }
        const parsed = refundAmountOf(mode, text, refundable, locale);
        setProblem(parsed.ok ? null : parsed.error);
        if (parsed.ok) refund.mutate({ id: payment.id, amount: parsed.amount });
      }}
    >
      <ErrorAlert error={refund.error} overrides={refundErrorMessages} />
      <Alert tone="info">
        {t("payments.refund.left", { amount: money(refundable), total: money(payment.amount) })}
        {!isZeroDecimal(held) && <> {t("payments.refund.held", { amount: money(held) })}</>}
      </Alert>
      {lostAnswer && <Alert tone="info">{t("payments.refund.lostAnswer")}</Alert>}
      <fieldset disabled={lostAnswer !== undefined || nothingLeft}>
        <legend className="text-sm font-medium text-slate-700">{t("payments.refund.how")}</legend>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {(["full", "partial"] as const).map((option) => (
            <label
              key={option}
              className="flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ring-slate-200 ring-inset has-[:checked]:bg-indigo-50 has-[:checked]:ring-2 has-[:checked]:ring-indigo-600"
            >
              <input
                type="radio"
                name="refundMode"
                value={option}
                checked={mode === option}
                onChange={() => setMode(option)}
                className="mt-0.5 accent-indigo-600"
              />
              <span className="text-sm font-medium text-slate-900">{t(`payments.refund.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "partial" && (
        <TextField
          label={t("payments.refund.amount", { currency: payment.currency })}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={lostAnswer !== undefined}
          error={problem ? t(problem) : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
        />
      )}
      <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button
          type="submit"
          variant="danger"
          loading={refund.isPending}
          disabled={unconfirmed || nothingLeft}
        >
          {t("payments.refund.submit")}
        </Button>
      </div>
    </form>
  );
}
