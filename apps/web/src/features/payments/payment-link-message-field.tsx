import {
  composePaymentLinkMessage,
  maxPaymentLinkTextLength,
} from "@crm/domain/payments/payment-link-message";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";

interface PaymentLinkMessageFieldProps {
  text: string;
  onChange: (text: string) => void;
  /** The link the server adds to the text; null while the link is still to be created. */
  link: string | null;
  error?: string | undefined;
}

/** The text the agent may edit, and the whole message as the customer will receive it, link included. */
export function PaymentLinkMessageField({ text, onChange, link, error }: PaymentLinkMessageFieldProps) {
  const { t } = useI18n();
  const written = text.trim();
  const linkLine = link ?? t("payments.message.linkPlaceholder");
  const preview =
    written === "" ? linkLine : link ? composePaymentLinkMessage(link, written) : `${written}\n${linkLine}`;
  return (
    <div className="space-y-3">
      <TextareaField
        label={t("payments.message.label")}
        hint={t("payments.message.hint")}
        rows={3}
        maxLength={maxPaymentLinkTextLength}
        value={text}
        error={error}
        onChange={(event) => onChange(event.target.value)}
      />
      <figure className="space-y-1">
        <figcaption className="text-xs font-medium text-slate-500">
          {t("payments.message.preview")}
        </figcaption>
        <p className="rounded-lg bg-emerald-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-slate-800 ring-1 ring-emerald-100 ring-inset">
          {preview}
        </p>
      </figure>
    </div>
  );
}
