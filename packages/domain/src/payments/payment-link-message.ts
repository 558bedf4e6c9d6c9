import { validationFailed } from "../shared/errors";

/** What an agent may write above the link; the link itself comes on top of this (Discord holds 2000 in all). */
export const maxPaymentLinkTextLength = 1000;

const inPortuguese = (locale: string) => locale.toLowerCase().startsWith("pt");

/** The decimal string goes to Intl as is: no float on the way. */
const formatAmount = (amount: { amount: string; currency: string }, locale: string) =>
  new Intl.NumberFormat(locale, { style: "currency", currency: amount.currency }).format(
    amount.amount as `${number}`,
  );

/**
 * The words a customer reads about a payment, in the organization's language, naming what is paid by its amount
 * only: the deal's title is the team's own name for it ("Bolo casamento Bruno - Belém"), not the customer's.
 */
const customerWording = {
  pt: {
    description: (value: string) => `Pagamento de ${value}`,
    linkText: (value: string) => `Segue o link para pagamento de ${value}:`,
  },
  en: {
    description: (value: string) => `Payment of ${value}`,
    linkText: (value: string) => `Here is the link to pay ${value}:`,
  },
} as const;

const wordingFor = (locale: string) => (inPortuguese(locale) ? customerWording.pt : customerWording.en);

/** What the customer reads above the link unless the agent wrote otherwise, in the organization's language. */
export function defaultPaymentLinkText(amount: { amount: string; currency: string }, locale: string): string {
  return wordingFor(locale).linkText(formatAmount(amount, locale));
}

/**
 * What the provider's checkout page shows the customer as what they pay for, unless the link was given a
 * description: the same wording as the link's message, "Pagamento de R$ 1.234,56" / "Payment of $1,234.56".
 */
export function defaultPaymentDescription(
  amount: { amount: string; currency: string },
  locale: string,
): string {
  return wordingFor(locale).description(formatAmount(amount, locale));
}

/** The text an agent wrote for the link's message: not blank, within the limit; kept as written. */
export function parsePaymentLinkText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw validationFailed("message", "message must not be blank");
  if (trimmed.length > maxPaymentLinkTextLength) {
    throw validationFailed(
      "message",
      `message must have at most ${maxPaymentLinkTextLength} characters (this one has ${trimmed.length})`,
    );
  }
  return trimmed;
}

/**
 * The message the customer receives: the text (the default one when none was written), then the link on a line of
 * its own. The link is always there: a text that already carries it is sent as written, any other gets it added.
 */
export function composePaymentLinkMessage(link: string, text: string): string {
  return text.includes(link) ? text : `${text}\n${link}`;
}
