import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { stageAt, workspace } from "./deal-fixtures";

/*
 * A refused amount of money says what is wrong with it, in its message and as a code in `data.fieldReasons`:
 * a third decimal is not told as if it were a negative amount, and a negative one keeps its own message.
 */

const api = useTestApi();

interface RefusalBody {
  message: string;
  data: {
    appCode: string;
    fieldErrors: Record<string, string[]> | null;
    fieldReasons?: Record<string, string>;
  };
}

describe("a deal's value refused", () => {
  it.each([
    [
      "10.555",
      "too_many_decimals",
      "Amount has more than 2 decimal places: write at most 2, such as 1500.50",
    ],
    ["-10.50", "negative", "Amount must not be negative"],
    ["10000000000000", "too_big", "Amount is too large: at most 9999999999999.99"],
    ["1e3", "invalid_format", "Amount must be a decimal number such as 1234.56"],
  ])("%s has the code %s and says what is wrong", async (amount, reason, message) => {
    const { token, contactId, pipeline } = await workspace(api);
    const created = await api.rest<RefusalBody>("POST", "/deals", {
      token,
      body: {
        title: "Deal",
        contactId,
        pipelineId: pipeline.id,
        stage: stageAt(pipeline, 0).id,
        value: { amount },
      },
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toBe(message);
    expect(created.body.data.fieldErrors).toEqual({ "value.amount": [message] });
    expect(created.body.data.fieldReasons).toEqual({ "value.amount": reason });
  });

  it("in a currency without cents says it takes whole amounts", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const created = await api.rest<RefusalBody>("POST", "/deals", {
      token,
      body: {
        title: "Deal",
        contactId,
        pipelineId: pipeline.id,
        stage: stageAt(pipeline, 0).id,
        value: { amount: "100.50", currency: "JPY" },
      },
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toBe(
      "JPY amounts have no decimal places: write a whole amount, such as 1500",
    );
    expect(created.body.data.fieldReasons).toEqual({ "value.amount": "no_decimals" });
  });
});

describe("a payment's amount refused by the input's schema", () => {
  it.each([
    [
      "10.555",
      "too_many_decimals",
      'amount: Has more than 2 decimal places: write at most 2, such as "1500.50"',
    ],
    ["-10", "negative", "amount: Must not be negative"],
    ["0.00", "too_small", "amount: Must be greater than zero"],
    [
      "99999999999999",
      "too_big",
      "amount: At most 13 integer digits: the largest amount is 9999999999999.99",
    ],
    [
      "1,50",
      "invalid_format",
      'amount: Must be a decimal amount with a dot, no sign or thousands separator, such as "1234.56"',
    ],
  ])("%s has the code %s", async (amount, reason, message) => {
    const owner = await api.register();
    const created = await api.rest<RefusalBody>("POST", "/payments", {
      token: owner.token,
      body: { dealId: randomUUID(), amount },
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toBe(message);
    expect(created.body.data.fieldReasons).toEqual({ amount: reason });
  });
});
