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
 * What the customer reads above the link unless the agent wrote otherwise, in the organization's language. Only
 * the amount: the deal's title is the team's own name for it ("Bolo casamento Bruno - Belém"), not the customer's.
 */
export function defaultPaymentLinkText(amount: { amount: string; currency: string }, locale: string): string {
  const value = formatAmount(amount, locale);
  return inPortuguese(locale)
    ? `Segue o link para pagamento de ${value}:`
    : `Here is the link to pay ${value}:`;
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
