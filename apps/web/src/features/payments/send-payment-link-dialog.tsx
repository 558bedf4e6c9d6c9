import { useMutation, useQuery } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog, initialFocus } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import type { Payment } from "./payment-filters";
import { providerLabels } from "./payment-labels";
import { PaymentLinkForm } from "./payment-link-form";
import { linkMessageText } from "./payment-link-input";
import { PaymentLinkMessageField } from "./payment-link-message-field";
import { isShareableLink } from "./shareable-link";
import { usePaymentChanged } from "./use-payment-changed";

interface SendPaymentLinkDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  dealId: string;
  /** The conversation with the deal's contact the link is sent into, as an outbound message. */
  conversationId: string;
}

/** Sends one of the deal's open links into a conversation, or creates a new one and sends it. */
export function SendPaymentLinkDialog({
  open,
  onOpenChange,
  dealId,
  conversationId,
}: SendPaymentLinkDialogProps) {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const change = (next: boolean) => {
    if (!next) setSent(false);
    onOpenChange(next);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={t("payments.send.title")}
      description={t("payments.send.description")}
    >
      {open &&
        (sent ? (
          <div className="space-y-5">
            {/* the message is queued, not delivered: the channel may still refuse it (the thread shows that) */}
            <Alert tone="info">{t("payments.send.sent")}</Alert>
            <div className="flex justify-end border-t border-slate-200 pt-5">
              <Button onClick={() => change(false)}>{t("common.done")}</Button>
            </div>
          </div>
        ) : (
          <SendChoice
            dealId={dealId}
            conversationId={conversationId}
            onSent={() => setSent(true)}
            onCancel={() => change(false)}
          />
        ))}
    </Dialog>
  );
}

interface SendChoiceProps {
  dealId: string;
  conversationId: string;
  onSent: () => void;
  onCancel: () => void;
}

function SendChoice({ dealId, conversationId, onSent, onCancel }: SendChoiceProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const paymentChanged = usePaymentChanged();
  const [creatingNew, setCreatingNew] = useState(false);
  const [chosen, setChosen] = useState<Payment | null>(null);
  const pending = useQuery(trpc.payments.list.queryOptions({ dealId, status: "pending", limit: 10 }));
  const send = useMutation(
    trpc.payments.sendLink.mutationOptions({
      onSuccess: async (result) => {
        onSent();
        await paymentChanged(result.payment);
      },
    }),
  );
  if (pending.isPending) return <Loading />;
  const links = (pending.data?.items ?? []).filter((payment) => isShareableLink(payment));
  if (chosen) {
    return (
      <ComposeMessage
        payment={chosen}
        sending={send.isPending}
        error={send.error}
        onSend={(message) => send.mutate({ id: chosen.id, conversationId, message })}
        onBack={() => {
          send.reset();
          setChosen(null);
        }}
      />
    );
  }

  if (creatingNew || links.length === 0) {
    return (
      <PaymentLinkForm
        dealId={dealId}
        sendToConversationId={conversationId}
        submitLabel={t("payments.send.createAndSend")}
        onCreated={onSent}
        onCancel={links.length === 0 ? onCancel : () => setCreatingNew(false)}
      />
    );
  }
  return (
    <div className="space-y-5">
      <ErrorAlert error={send.error} overrides={{ UNPROCESSABLE: "payments.send.refused" }} />
      <ul
        aria-label={t("payments.send.openLinks")}
        className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200 ring-inset"
      >
        {links.map((payment) => {
          const amount = formatMoney({ amount: payment.amount, currency: payment.currency }, locale);
          return (
            <li key={payment.id} className="flex items-center justify-between gap-3 px-3 py-2.5">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900 tabular-nums">{amount}</p>
                <p className="text-xs text-slate-500">
                  {providerLabels[payment.provider]} · {formatDateTime(payment.createdAt, locale)}
                </p>
              </div>
              <Button
                size="sm"
                aria-label={t("payments.send.sendLabel", { amount })}
                onClick={() => setChosen(payment)}
              >
                <Send aria-hidden="true" className="size-4" />
                {t("payments.send.send")}
              </Button>
            </li>
          );
        })}
      </ul>
      <div className="flex justify-between gap-3 border-t border-slate-200 pt-5">
        {/* each Send messages the customer at once: focus starts on what sends nothing */}
        <Button variant="secondary" onClick={onCancel} {...initialFocus}>
          {t("common.cancel")}
        </Button>
        <Button variant="secondary" onClick={() => setCreatingNew(true)}>
          {t("payments.send.newLink")}
        </Button>
      </div>
    </div>
  );
}

interface ComposeMessageProps {
  payment: Payment;
  sending: boolean;
  error: unknown;
  onSend: (message: string) => void;
  onBack: () => void;
}

/** The message the customer will receive with the chosen link, prefilled and editable before it goes. */
function ComposeMessage({ payment, sending, error, onSend, onBack }: ComposeMessageProps) {
  const { t, locale } = useI18n();
  const { organization } = useSession();
  const money = { amount: payment.amount, currency: payment.currency };
  const [written, setWritten] = useState<string | null>(null);
  const [blank, setBlank] = useState(false);
  const text = linkMessageText(written, money, organization.locale);
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === "") setBlank(true);
        else onSend(text.trim());
      }}
    >
      <ErrorAlert error={error} overrides={{ UNPROCESSABLE: "payments.send.refused" }} />
      <p className="text-sm text-slate-600">
        {t("payments.send.chosenLink", {
          amount: formatMoney(money, locale),
          provider: providerLabels[payment.provider],
        })}
      </p>
      <PaymentLinkMessageField
        text={text}
        link={payment.paymentLink}
        error={blank ? t("errors.field.required") : undefined}
        onChange={(next) => {
          setWritten(next);
          setBlank(false);
        }}
      />
      <div className="flex justify-between gap-3 border-t border-slate-200 pt-5">
        <Button variant="secondary" onClick={onBack}>
          {t("payments.send.back")}
        </Button>
        <Button type="submit" loading={sending}>
          <Send aria-hidden="true" className="size-4" />
          {t("payments.send.sendMessage")}
        </Button>
      </div>
    </form>
  );
}
