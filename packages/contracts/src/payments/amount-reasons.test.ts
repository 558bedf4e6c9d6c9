import { amountCases } from "@crm/domain/shared/amount-cases";
import { parseMoney } from "@crm/domain/shared/money";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createDealInput } from "../deals/deal";
import { createPaymentInput, refundPaymentInput } from "./payment";

const dealId = "00000000-0000-4000-8000-000000000001";

/** "ok", or the reason code the schema's issue on `amount` carries (what `data.fieldReasons` gets). */
function schemaOutcome(result: z.ZodSafeParseResult<unknown>): string {
  if (result.success) return "ok";
  const issue = result.error.issues.find((found) => found.path.join(".").endsWith("amount"));
  if (!issue) return `no amount issue: ${result.error.message}`;
  return issue.code === "custom" && typeof issue.params?.reason === "string"
    ? issue.params.reason
    : issue.code;
}

describe("an amount refused by the payments' schemas", () => {
  it.each(amountCases)("$input $currency", ({ input, currency, payment, paymentSchema }) => {
    const expected = paymentSchema ?? payment;
    expect(schemaOutcome(createPaymentInput.safeParse({ dealId, amount: input, currency }))).toBe(expected);
    expect(schemaOutcome(refundPaymentInput.safeParse({ id: dealId, amount: input }))).toBe(expected);
  });

  it("gives the domain's reason wherever both refuse, in the same order", () => {
    for (const { input, currency } of amountCases) {
      const schema = schemaOutcome(createPaymentInput.safeParse({ dealId, amount: input, currency }));
      if (schema === "ok") continue;
      let domain = "ok";
      try {
        parseMoney(input.trim(), "BRL", "amount", { maxIntegerDigits: 13, positive: true });
      } catch (error) {
        domain = (error as { details: { fieldReasons: { amount: string } } }).details.fieldReasons.amount;
      }
      expect({ input, reason: schema }).toEqual({ input, reason: domain });
    }
  });
});

describe("a deal's value through its schema", () => {
  it("trims the amount and leaves its rules to the domain, which knows the currency", () => {
    const parsed = createDealInput.parse({
      title: "Deal",
      contactId: dealId,
      pipelineId: dealId,
      stage: dealId,
      value: { amount: " 12.30 ", currency: "BRL" },
    });
    expect(parsed.value.amount).toBe("12.30");
    for (const { input } of amountCases.filter((found) => found.input.length <= 40)) {
      const result = createDealInput.safeParse({
        title: "Deal",
        contactId: dealId,
        pipelineId: dealId,
        stage: dealId,
        value: { amount: input },
      });
      expect(result.success).toBe(true);
    }
  });
});
