import { amountCases } from "@crm/domain/shared/amount-cases";
import { beforeAll, describe, expect, it } from "vitest";
import { stageAt } from "../deals/deal-fixtures";
import { paymentWorkspace, usePaymentsTestbed } from "./payment-fixtures";

/*
 * One table of amounts through HTTP: a deal's value and a payment link's amount say the same code in
 * `data.fieldReasons` for the same mistake, the sign before the decimals ("-10.555" is negative for both).
 */

const bed = usePaymentsTestbed();

interface Answer {
  data?: { fieldReasons?: Record<string, string> | null };
}

type Workspace = Awaited<ReturnType<typeof paymentWorkspace>>;
const workspaces = new Map<string, Workspace>();

beforeAll(async () => {
  for (const [currency, amount] of [
    ["BRL", "100000.00"],
    ["JPY", "100000"],
  ] as const) {
    workspaces.set(
      currency,
      await paymentWorkspace(bed.api, "stripe", bed.stripe.config, { amount, currency }),
    );
  }
}, 60_000);

const workspaceIn = (currency: string): Workspace => {
  const found = workspaces.get(currency);
  if (!found) throw new Error(`no workspace in ${currency}`);
  return found;
};

/** "ok" for a 201, else the field's code in `data.fieldReasons` (with the status when it is not a 400). */
function outcome(status: number, body: Answer, field: string): string {
  if (status === 201) return "ok";
  const reason = body.data?.fieldReasons?.[field] ?? "no reason";
  return status === 400 ? reason : `${status} ${reason}`;
}

describe("an amount over HTTP", () => {
  it.each(amountCases)("$input $currency as a deal's value", async ({ input, currency, dealValue }) => {
    const { token, contactId, pipeline } = workspaceIn(currency);
    const created = await bed.api.rest<Answer>("POST", "/deals", {
      token,
      body: {
        title: "Deal",
        contactId,
        pipelineId: pipeline.id,
        stage: stageAt(pipeline, 0).id,
        value: { amount: input, currency },
      },
    });
    expect(outcome(created.status, created.body, "value.amount")).toBe(dealValue);
  });

  it.each(amountCases)(
    "$input $currency as a payment link's amount",
    async ({ input, currency, payment }) => {
      const { token, deal } = workspaceIn(currency);
      const created = await bed.api.rest<Answer>("POST", "/payments", {
        token,
        body: { dealId: deal.id, amount: input, currency },
      });
      expect(outcome(created.status, created.body, "amount")).toBe(payment);
    },
  );
});
