import type { AmountProblem } from "./amount-rule";

/**
 * Test table, not used at run time: amounts as people send them, with what each layer answers. Every layer's
 * test (the domain, the contracts' schemas, the API over HTTP, the web's wording) runs it, so a layer that checks
 * in another order or names a refusal otherwise fails its own test.
 */
export interface AmountCase {
  input: string;
  currency: "BRL" | "JPY";
  /** A deal's value (zero is a fine value), as the API answers it. */
  dealValue: AmountProblem | "ok";
  /** A payment link's or a refund's amount (above zero), as the API answers it. */
  payment: AmountProblem | "ok";
  /** The payments' schema alone, where it differs: it knows no currency, so it allows 2 decimals. */
  paymentSchema?: AmountProblem | "ok";
  /** The domain alone, where it differs: it takes no surrounding spaces, which the schemas trim first. */
  domain?: AmountProblem;
}

export const amountCases: readonly AmountCase[] = [
  // the sign is the first thing wrong, before the decimals or the size
  { input: "-10.555", currency: "BRL", dealValue: "negative", payment: "negative" },
  { input: "-99999999999999", currency: "BRL", dealValue: "negative", payment: "negative" },
  { input: "-10.5", currency: "JPY", dealValue: "negative", payment: "negative" },
  { input: "-abc", currency: "BRL", dealValue: "invalid_format", payment: "invalid_format" },
  { input: "10.555", currency: "BRL", dealValue: "too_many_decimals", payment: "too_many_decimals" },
  { input: "0", currency: "BRL", dealValue: "ok", payment: "too_small" },
  { input: "0.00", currency: "BRL", dealValue: "ok", payment: "too_small" },
  // zero with a sign is zero, not a negative amount
  { input: "-0", currency: "BRL", dealValue: "ok", payment: "too_small" },
  { input: "abc", currency: "BRL", dealValue: "invalid_format", payment: "invalid_format" },
  { input: "1e5", currency: "BRL", dealValue: "invalid_format", payment: "invalid_format" },
  { input: "99999999999999", currency: "BRL", dealValue: "too_big", payment: "too_big" },
  // the size is told before the decimals
  { input: "99999999999999.555", currency: "BRL", dealValue: "too_big", payment: "too_big" },
  { input: "99999999999999.5", currency: "JPY", dealValue: "too_big", payment: "too_big" },
  // a sign must be followed by the number
  { input: "--5", currency: "BRL", dealValue: "invalid_format", payment: "invalid_format" },
  { input: "- 5", currency: "BRL", dealValue: "invalid_format", payment: "invalid_format" },
  { input: "10.5", currency: "JPY", dealValue: "no_decimals", payment: "no_decimals", paymentSchema: "ok" },
  { input: " 12.30 ", currency: "BRL", dealValue: "ok", payment: "ok", domain: "invalid_format" },
  { input: "1.234,56", currency: "BRL", dealValue: "invalid_format", payment: "invalid_format" },
  { input: "1234.56", currency: "BRL", dealValue: "ok", payment: "ok" },
];
