import {
  isCurrencyCode,
  type PaymentNotification,
  type PaymentSnapshot,
  type PaymentStatus,
  parseMoney,
} from "@crm/domain";
import { decimalOf } from "./decimal-json";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const idText = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;

/** The payment a notification names (`data.id`); Mercado Pago signs it lower-cased. */
export const mercadoPagoDataId = (payload: unknown): string | undefined => {
  const id = isObject(payload) && isObject(payload.data) ? idText(payload.data.id) : undefined;
  return id && /^[a-z0-9]+$/i.test(id) ? id.toLowerCase() : id;
};

export function mercadoPagoEventId(payload: unknown): string | undefined {
  if (!isObject(payload)) return undefined;
  const id = idText(payload.id);
  if (id) return id;
  const dataId = mercadoPagoDataId(payload);
  const action = idText(payload.action) ?? idText(payload.type);
  return dataId && action ? `${action}:${dataId}:${idText(payload.date_created) ?? ""}` : undefined;
}

/** A webhook notification only names the payment: its status is read from the API (the API wins). */
export function parseMercadoPagoNotification(payload: unknown): PaymentNotification | undefined {
  const eventId = mercadoPagoEventId(payload);
  if (!isObject(payload) || !eventId) return undefined;
  const type = idText(payload.type) ?? idText(payload.topic) ?? "unknown";
  const action = idText(payload.action) ?? type;
  const providerPaymentId = mercadoPagoDataId(payload);
  if (type !== "payment" || !providerPaymentId) return { kind: "ignored", eventId, type: action };
  return { kind: "lookup", eventId, type: action, providerPaymentId };
}

const statuses: Record<string, PaymentStatus> = {
  approved: "paid",
  authorized: "pending",
  pending: "pending",
  in_process: "pending",
  in_mediation: "paid",
  refunded: "refunded",
  charged_back: "refunded",
};

/**
 * A payment that ends this way is one attempt at the link: the preference stays payable until it expires (the
 * customer may try another card, or generate another boleto), so the link stays pending.
 */
const failedAttempts = new Set(["rejected", "cancelled"]);

/** GET /v1/payments/{id}, read. */
export function mercadoPagoPaymentSnapshot(body: unknown): PaymentSnapshot | undefined {
  if (!isObject(body)) return undefined;
  const currency = typeof body.currency_id === "string" ? body.currency_id : undefined;
  const refunded = decimalOf(body.transaction_amount_refunded);
  let refundedAmount: PaymentSnapshot["refundedAmount"];
  if (currency && isCurrencyCode(currency) && refunded !== undefined) {
    try {
      refundedAmount = parseMoney(refunded, currency, "refunded", { allowZeroPadding: true });
    } catch {
      refundedAmount = undefined;
    }
  }
  return {
    paymentId: idText(body.external_reference),
    providerPaymentId: idText(body.id),
    status: typeof body.status === "string" ? statuses[body.status] : undefined,
    refundedAmount,
    ...(typeof body.status === "string" &&
      failedAttempts.has(body.status) && {
        attemptFailed: true,
        // e.g. cc_rejected_insufficient_amount; Mercado Pago gives no sentence of its own
        declineCode: idText(body.status_detail),
      }),
  };
}
