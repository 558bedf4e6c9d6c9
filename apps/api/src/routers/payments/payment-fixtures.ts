import type { payment } from "@crm/contracts";
import type { PaymentProviderName } from "@crm/domain";
import { expect, vi } from "vitest";
import type { z } from "zod";
import type { TestApi } from "../../testing/harness";
import { createDeal, workspace } from "../deals/deal-fixtures";

export type PaymentDto = z.output<typeof payment>;

/** Payment integrations as the integrations context stores them: credentials sealed with the API's cipher. */
export async function connectProvider(
  api: TestApi,
  organizationId: string,
  provider: PaymentProviderName,
  config: object,
): Promise<string> {
  const sealed = api.container.integrations.cipher.seal(JSON.stringify(config), organizationId);
  const row = await api.container.db.db
    .insertInto("integrations")
    .values({
      organization_id: organizationId,
      channel: provider,
      name: provider,
      config: JSON.stringify(sealed),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An owner with a contact, a deal worth `value` and the given provider connected. */
export async function paymentWorkspace(
  api: TestApi,
  provider: PaymentProviderName,
  config: object,
  value: { amount: string; currency?: string } = { amount: "1234.56", currency: "BRL" },
) {
  const { owner, token, contactId, pipeline } = await workspace(api);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error("no stage");
  const deal = await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: stage.id, value });
  const integrationId = await connectProvider(api, owner.organization.id, provider, config);
  return { owner, token, contactId, pipeline, deal, integrationId };
}

export async function createPaymentOk(api: TestApi, token: string, body: Record<string, unknown>) {
  const res = await api.rest<PaymentDto>("POST", "/payments", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function waitForPayment(
  api: TestApi,
  token: string,
  id: string,
  expected: Partial<PaymentDto>,
): Promise<PaymentDto> {
  let found: PaymentDto | undefined;
  await vi.waitFor(
    async () => {
      const res = await api.rest<PaymentDto>("GET", `/payments/${id}`, { token });
      found = res.body;
      expect(res.body).toMatchObject(expected);
    },
    { timeout: 20_000, interval: 50 },
  );
  if (!found) throw new Error("unreachable");
  return found;
}

/** Waits until every webhook log of the integration was processed (nothing pending or retrying). */
export async function waitForLogsProcessed(
  api: TestApi,
  integrationId: string,
  count: number,
): Promise<void> {
  await vi.waitFor(
    async () => {
      const rows = await api.container.db.db
        .selectFrom("webhook_logs")
        .select(["status"])
        .where("integration_id", "=", integrationId)
        .execute();
      expect(rows).toHaveLength(count);
      expect(rows.every((row) => row.status === "success")).toBe(true);
    },
    { timeout: 20_000, interval: 50 },
  );
}
