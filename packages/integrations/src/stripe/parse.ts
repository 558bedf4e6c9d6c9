import {
  fromMinorUnits,
  isCurrencyCode,
  type PaymentNotification,
  type PaymentSnapshot,
  type PaymentStatus,
} from "@crm/domain";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
/** An expandable field: the id, or the object whose id it is. */
const idOf = (value: unknown): string | undefined =>
  text(value) ?? (isObject(value) ? text(value.id) : undefined);
const metadataPaymentId = (object: Json): string | undefined =>
  isObject(object.metadata) ? text(object.metadata.paymentId) : undefined;

function sessionSnapshot(session: Json, status: PaymentStatus | undefined): PaymentSnapshot {
  return {
    paymentId: metadataPaymentId(session) ?? text(session.client_reference_id),
    providerReference: text(session.id),
    providerPaymentId: idOf(session.payment_intent),
    status,
  };
}

function refundedSnapshot(charge: Json): PaymentSnapshot {
  const currency = text(charge.currency)?.toUpperCase();
  const refunded = charge.amount_refunded;
  const valid = currency && isCurrencyCode(currency) && Number.isSafeInteger(refunded);
  return {
    paymentId: metadataPaymentId(charge),
    providerPaymentId: idOf(charge.payment_intent),
    refundedAmount: valid ? fromMinorUnits(BigInt(refunded as number), currency) : undefined,
  };
}

/** A failed attempt and why: `last_payment_error`'s decline_code (insufficient_funds) says more than its code. */
function declinedAttempt(intent: Json): PaymentSnapshot {
  const error = isObject(intent.last_payment_error) ? intent.last_payment_error : {};
  return {
    attemptFailed: true,
    declineCode: text(error.decline_code) ?? text(error.code),
    declineMessage: text(error.message),
  };
}

/** A Stripe event (https://docs.stripe.com/api/events/object) read into what it says about our payment. */
export function parseStripeEvent(payload: unknown): PaymentNotification | undefined {
  if (!isObject(payload) || payload.object !== "event") return undefined;
  const eventId = text(payload.id);
  const type = text(payload.type);
  const object = isObject(payload.data) ? payload.data.object : undefined;
  if (!eventId || !type || !isObject(object)) return undefined;
  const snapshot = (value: PaymentSnapshot): PaymentNotification => ({
    kind: "snapshot",
    eventId,
    type,
    snapshot: value,
  });
  switch (type) {
    case "checkout.session.completed":
      // delayed methods (boleto) complete the session unpaid; async_payment_succeeded follows
      return snapshot(sessionSnapshot(object, object.payment_status === "unpaid" ? undefined : "paid"));
    case "checkout.session.async_payment_succeeded":
      return snapshot(sessionSnapshot(object, "paid"));
    case "checkout.session.async_payment_failed":
      return snapshot(sessionSnapshot(object, "failed"));
    case "checkout.session.expired":
      return snapshot(sessionSnapshot(object, "expired"));
    case "payment_intent.succeeded":
      return snapshot({
        paymentId: metadataPaymentId(object),
        providerPaymentId: text(object.id),
        status: "paid",
      });
    case "payment_intent.payment_failed":
      // a declined card puts the PaymentIntent back to requires_payment_method: the Checkout Session is still
      // open and the customer may try another card, so only a canceled PaymentIntent ends the payment (the
      // session's own expired or async_payment_failed events end it otherwise)
      return snapshot({
        paymentId: metadataPaymentId(object),
        providerPaymentId: text(object.id),
        ...(object.status === "canceled" ? { status: "failed" } : declinedAttempt(object)),
      });
    case "charge.refunded":
      return snapshot(refundedSnapshot(object));
    default:
      return { kind: "ignored", eventId, type };
  }
}

export const stripeEventId = (payload: unknown): string | undefined =>
  isObject(payload) && typeof payload.id === "string" ? payload.id : undefined;

export const stripeIntentStatus = (status: unknown): PaymentStatus | undefined =>
  status === "succeeded"
    ? "paid"
    : status === "canceled"
      ? "failed"
      : status === undefined
        ? undefined
        : "pending";
