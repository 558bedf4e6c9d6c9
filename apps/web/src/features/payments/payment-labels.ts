import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey } from "../../i18n/translate";
import type { PaymentProvider, PaymentStatus } from "./payment-filters";

export const statusLabels: Record<PaymentStatus, PlainMessageKey> = {
  pending: "payments.status.pending",
  paid: "payments.status.paid",
  failed: "payments.status.failed",
  refunded: "payments.status.refunded",
  expired: "payments.status.expired",
};

export const statusTones: Record<PaymentStatus, BadgeTone> = {
  pending: "warning",
  paid: "success",
  failed: "danger",
  refunded: "neutral",
  expired: "neutral",
};

export const providerLabels: Record<PaymentProvider, string> = {
  stripe: "Stripe",
  mercadopago: "Mercado Pago",
};
