import { type AmountProblem, checkAmount } from "@crm/domain/shared/amount-rule";
import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const paymentProvider = z.enum(["stripe", "mercadopago"]).describe("The payment provider");
export const paymentStatus = z
  .enum(["pending", "paid", "failed", "refunded", "expired"])
  .describe("pending until the provider says otherwise; statuses only move forward");

/**
 * A link's or a refund's amount, before its currency is known: DECIMAL(15,2), so 13 integer digits and 2
 * decimals (the most any currency has; the domain then holds a JPY amount to none, `no_decimals`).
 */
const paymentAmountRule = { decimals: 2, maxIntegerDigits: 13, positive: true } as const;

const paymentAmountMessages: Record<AmountProblem, string> = {
  invalid_format: 'Must be a decimal amount with a dot, no sign or thousands separator, such as "1234.56"',
  negative: "Must not be negative",
  too_big: "At most 13 integer digits: the largest amount is 9999999999999.99",
  too_many_decimals: 'Has more than 2 decimal places: write at most 2, such as "1500.50"',
  no_decimals: 'Its currency has no decimal places: write a whole amount, such as "1500"',
  too_small: "Must be greater than zero",
};

/** What is wrong with an amount: the rule it breaks, and its code for `data.fieldReasons` (see `inputIssueReason`). */
export interface PaymentAmountProblem {
  reason: AmountProblem;
  message: string;
}

/**
 * What is wrong with an amount, said as the first rule it breaks in the domain's order (`checkAmount`, the same
 * for a deal's value): the same 400 for creating a link and refunding, zero included.
 */
export function paymentAmountProblem(value: string): PaymentAmountProblem | undefined {
  const checked = checkAmount(value, paymentAmountRule);
  return checked.ok ? undefined : { reason: checked.reason, message: paymentAmountMessages[checked.reason] };
}

const decimal = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = paymentAmountProblem(value);
    if (problem)
      ctx.addIssue({ code: "custom", message: problem.message, params: { reason: problem.reason } });
  })
  .describe(
    'Decimal string greater than zero, e.g. "1234.56" (never a float): at most 13 integer digits and 2 decimals',
  );
const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "An ISO 4217 code such as BRL")
  .describe("ISO 4217 code, e.g. BRL");

export const payment = z.object({
  id,
  dealId: id.nullable(),
  integrationId: id.nullable().describe("The Stripe or Mercado Pago integration charged through"),
  provider: paymentProvider,
  status: paymentStatus,
  amount: z.string().describe('Decimal string, e.g. "1234.56"'),
  refundedAmount: z.string().describe("Refunded so far (partial refunds add up)"),
  refundableAmount: z
    .string()
    .describe(
      "What a refund may ask for now: the amount less what was refunded and what refunds in flight or awaiting the provider's confirmation hold; 0 unless paid",
    ),
  currency: z.string().describe("ISO 4217 code"),
  description: z.string().nullable(),
  paymentLink: z.string().nullable().describe("The checkout URL to send the customer"),
  createdBy: id.nullable().describe("The user who created the link; null for API keys"),
  providerPaymentId: z
    .string()
    .nullable()
    .describe("The provider's payment (Stripe PaymentIntent, Mercado Pago payment), once paid"),
  providerReference: z
    .string()
    .nullable()
    .describe("Stripe Checkout Session id or Mercado Pago preference id"),
  expiresAt: timestamp.nullable(),
  paidAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const paymentPage = pageOf(payment);

export const listPaymentsInput = z.object({
  ...pageInput,
  status: paymentStatus.optional(),
  dealId: id.optional(),
  provider: paymentProvider.optional(),
});

/** What an agent writes above the link (the API adds the link); the domain's `maxPaymentLinkTextLength`. */
const maxLinkTextLength = 1000;
const linkMessage = z
  .string()
  .trim()
  .min(1, "Must not be blank")
  .max(maxLinkTextLength, `At most ${maxLinkTextLength} characters`)
  .describe(
    `The text the customer reads above the link, at most ${maxLinkTextLength} characters; the link is added on a ` +
      "line of its own unless the text already has it. Defaults to a sentence in the organization's language with " +
      'the amount and never the deal\'s title, e.g. "Segue o link para pagamento de R$ 1.234,56:"',
  );

const createPaymentFields = strictInput({
  dealId: id.describe("The deal this payment closes"),
  provider: paymentProvider
    .optional()
    .describe("Defaults to the organization's only active payment integration"),
  amount: decimal
    .optional()
    .describe(
      "Defaults to what is left of the deal's value (its paid payments, refunds taken off, subtracted; a 422 when nothing is left); required when `currency` is not the deal's",
    ),
  currency: currency.optional().describe("Defaults to the deal's currency"),
  description: z
    .string()
    .max(500)
    .optional()
    .describe(
      "Shown to the customer on the checkout page; defaults to words naming the amount in the organization's language (\"Pagamento de R$ 1.234,56\"), never the deal's title",
    ),
  sendToConversationId: id
    .optional()
    .describe("Also send the link into this conversation with the deal's contact"),
  message: linkMessage.optional().describe("With `sendToConversationId`: the message's text (see send-link)"),
});

export const createPaymentInput = createPaymentFields.refine(
  (input) => input.message === undefined || input.sendToConversationId !== undefined,
  { message: "message is the text of the link's message: give sendToConversationId too", path: ["message"] },
);

/** What an agent may know of a connected provider: never its credentials or settings. */
export const connectedPaymentProvider = z.object({
  integrationId: id.describe("The integration a link with this provider is charged through"),
  provider: paymentProvider,
  name: z.string().describe("The integration's name in this organization"),
  currencies: z
    .array(z.string())
    .describe(
      "ISO 4217 codes a link through it may charge in: a Mercado Pago account only its own country's (BRL for a " +
        "Brazilian one, and when the account cannot be asked); Stripe every currency the CRM knows",
    ),
  ready: z
    .boolean()
    .describe(
      "Whether a link can be created through it now; creating one with a provider that is not ready answers 422",
    ),
  reason: z
    .enum(["webhook_secret_missing"])
    .nullable()
    .describe(
      "Why it is not ready, null when it is. webhook_secret_missing: its webhook secret is not pasted in " +
        "Settings -> Integrations yet, and a paid link could not close the deal without it",
    ),
});
export const connectedPaymentProviders = z.object({
  items: z
    .array(connectedPaymentProvider)
    .describe(
      "The active payment integrations, oldest first (a link with a provider goes through its oldest one), ready " +
        "or not; empty when none is connected",
    ),
});

export const refundPaymentInput = strictInput({
  id,
  amount: decimal.optional().describe("Part of the payment to refund; all that is left when omitted"),
});

export const sendPaymentLinkInput = strictInput({
  id,
  conversationId: id.describe("A conversation with the deal's contact"),
  message: linkMessage.optional(),
});

export const createAndSendPaymentLinkInput = createPaymentFields
  .omit({ sendToConversationId: true, message: true })
  .extend({
    conversationId: id.describe(
      "A conversation with the deal's contact: the link is sent there as a message",
    ),
    message: linkMessage.optional(),
  });

export const sentPaymentLink = z.object({
  payment,
  messageId: id.describe("The outbound message carrying the link"),
});
