import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import { webhookProcessAttempts } from "@crm/domain/shared/jobs";
import { describe, expect, it } from "vitest";
import { createTestIngestionDeps, storeWebhook, type TestPayload, whatsappText } from "./ingestion-fixtures";
import { useIngestionTenant } from "./ingestion-queries";

const tenant = useIngestionTenant();
const { store, messagesOf, contactsOf, logOf } = tenant;

describe("failures", () => {
  it("marks an unreadable webhook failed at once, with the reason", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const notJson = await store(null);
    const unreadable = await storeWebhook(tenant.db, {
      organizationId: tenant.organizationId,
      integrationId: tenant.integrationId,
      payload: { nonsense: true } as unknown as TestPayload,
    });

    expect(await processWebhook(deps, notJson)).toBe("failed");
    expect(await processWebhook(deps, unreadable)).toBe("failed");

    expect(await logOf(notJson)).toMatchObject({
      status: "failed",
      attempts: 1,
      error_message: "The body is not JSON",
    });
    expect(await logOf(unreadable)).toMatchObject({
      status: "failed",
      error_message: "Unreadable whatsapp payload: not a test payload",
    });
  });

  it("counts each failed attempt, rolls back the batch, and fails the log after the last one", async () => {
    const base = createTestIngestionDeps(tenant.db).deps;
    let calls = 0;
    const failing = createTestIngestionDeps(tenant.db, {
      store: {
        ...base.store,
        transaction: (work) =>
          base.store.transaction((repos) =>
            work({
              ...repos,
              messages: {
                ...repos.messages,
                insertInbound: async (organization, draft, conversation) => {
                  calls += 1;
                  // the first message of the batch is written, then the second fails
                  if (calls % 2 === 0) throw new Error("disk full");
                  return repos.messages.insertInbound(organization, draft, conversation);
                },
              },
            }),
          ),
      },
    }).deps;
    const logId = await store({
      messages: [whatsappText("5511987654321", "a"), whatsappText("5511987654321", "b")],
    });

    for (let attempt = 1; attempt < webhookProcessAttempts; attempt += 1) {
      await expect(processWebhook(failing, logId)).rejects.toThrow("disk full");
      expect(await logOf(logId)).toMatchObject({
        status: "retrying",
        attempts: attempt,
        error_message: "disk full",
      });
    }
    await expect(processWebhook(failing, logId)).rejects.toThrow("disk full");

    expect(await logOf(logId)).toMatchObject({
      status: "failed",
      attempts: webhookProcessAttempts,
      error_message: "disk full",
    });
    expect(await messagesOf()).toEqual([]);
    expect(await contactsOf()).toEqual([]);
    expect(await processWebhook(base, logId)).toBe("skipped");
  });

  it("recovers on a later attempt without doubling anything", async () => {
    const base = createTestIngestionDeps(tenant.db).deps;
    let fail = true;
    const flaky = createTestIngestionDeps(tenant.db, {
      store: {
        ...base.store,
        transaction: (work) =>
          base.store.transaction(async (repos) => {
            const result = await work(repos);
            if (fail) throw new Error("connection reset");
            return result;
          }),
      },
    });
    const logId = await store({
      messages: [whatsappText("5511987654321", "a"), whatsappText("5511987654321", "b")],
    });

    await expect(processWebhook(flaky.deps, logId)).rejects.toThrow("connection reset");
    fail = false;
    expect(await processWebhook(flaky.deps, logId)).toBe("processed");

    expect(await messagesOf()).toHaveLength(2);
    expect(await logOf(logId)).toMatchObject({ status: "success", attempts: 2, error_message: null });
    expect(flaky.events.published.filter((e) => e.type === "new_message")).toHaveLength(2);
  });

  it("skips a log id that does not exist or is not a UUID", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    expect(await processWebhook(deps, "00000000-0000-4000-8000-000000000000")).toBe("skipped");
    expect(await processWebhook(deps, "not-a-uuid")).toBe("skipped");
  });

  it("refuses a log of a payment provider", async () => {
    const { deps } = createTestIngestionDeps(tenant.db);
    const row = await tenant.db
      .insertInto("webhook_logs")
      .values({
        organization_id: tenant.organizationId,
        channel: "stripe",
        payload: JSON.stringify({ id: "evt_1" }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    expect(await processWebhook(deps, row.id)).toBe("failed");
    expect(await logOf(row.id)).toMatchObject({
      status: "failed",
      error_message: '"stripe" is not a messaging channel',
    });
  });
});
