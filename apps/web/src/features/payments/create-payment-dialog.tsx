import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney } from "../../lib/money";
import type { Payment } from "./payment-filters";
import { PaymentLinkActions } from "./payment-link-actions";
import { PaymentLinkForm } from "./payment-link-form";

interface CreatePaymentDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Fixed on a deal's page; otherwise the form asks which open deal to charge. */
  dealId?: string | undefined;
}

export function CreatePaymentDialog({ open, onOpenChange, dealId }: CreatePaymentDialogProps) {
  const { t } = useI18n();
  const [created, setCreated] = useState<Payment | null>(null);
  const change = (next: boolean) => {
    if (!next) setCreated(null);
    onOpenChange(next);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={t("payments.create.title")}
      description={t("payments.create.description")}
    >
      {open &&
        (created ? (
          <CreatedLink payment={created} onDone={() => change(false)} />
        ) : (
          <PaymentLinkForm
            dealId={dealId}
            submitLabel={t("payments.create.submit")}
            onCreated={setCreated}
            onCancel={() => change(false)}
          />
        ))}
    </Dialog>
  );
}

/** The new link, ready to paste into a chat or an email. */
export function CreatedLink({ payment, onDone }: { payment: Payment; onDone: () => void }) {
  const { t, locale } = useI18n();
  const amount = formatMoney({ amount: payment.amount, currency: payment.currency }, locale);
  return (
    <div className="space-y-5">
      <Alert tone="success">{t("payments.create.created", { amount })}</Alert>
      {payment.paymentLink && (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-700">{t("payments.link.label")}</p>
          <code className="block rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs break-all text-slate-800 ring-1 ring-slate-200 ring-inset">
            {payment.paymentLink}
          </code>
          <PaymentLinkActions link={payment.paymentLink} label={amount} />
        </div>
      )}
      <div className="flex justify-end border-t border-slate-200 pt-5">
        <Button onClick={onDone}>{t("common.done")}</Button>
      </div>
    </div>
  );
}
