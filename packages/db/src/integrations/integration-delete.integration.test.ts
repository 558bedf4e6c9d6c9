import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import type { IngestionRepos } from "@crm/domain/conversations/ingestion-ports";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readEnv } from "../cli/env";
import type { DatabaseHandle } from "../client";
import {
  createIntegration,
  createOrganization,
  createTestIngestionDeps,
  storeWebhook,
  whatsappText,
} from "../conversations/ingestion-fixtures";
import { createIngestionStore } from "../conversations/ingestion-store";
import { signal } from "../testing/signal";
import { createTestDatabase } from "../testing/test-database";
import { createIntegrationsStore } from "./integrations-store";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(() => handle?.close());

/** Backends of this database waiting for a row or table lock (the delete, once it queued behind the worker). */
async function waitingForLocks(): Promise<number> {
  const { rows } = await sql<{ count: string }>`
    select count(*) from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(handle.db);
  return Number(rows[0]?.count);
}

// PGlite has one connection: the worker's transaction and the delete never overlap there
describe.skipIf(!readEnv().databaseUrl)("deleting an integration while its webhook is processed", () => {
  it("waits for the worker instead of deadlocking with it; its logs and conversation stay, unlinked", async () => {
    const organizationId = await createOrganization(handle.db);
    const integrationId = await createIntegration(handle.db, organizationId);
    const logId = await storeWebhook(handle.db, {
      organizationId,
      integrationId,
      payload: { messages: [whatsappText("551187650001", "Oi, ainda atendem?")] },
    });

    // the worker stops inside its transaction (webhook log locked, contact stored) right before it opens
    // the conversation, which references the integration
    const aboutToOpen = signal();
    const goOn = signal();
    const ingestion = createIngestionStore(handle.db);
    const { deps } = createTestIngestionDeps(handle.db, {
      store: {
        ...ingestion,
        transaction: (work) =>
          ingestion.transaction((repos) => {
            const conversations: IngestionRepos["conversations"] = {
              ...repos.conversations,
              async open(...args) {
                aboutToOpen.resolve();
                await goOn.promise;
                return repos.conversations.open(...args);
              },
            };
            return work({ ...repos, conversations });
          }),
      },
    });
    const processing = processWebhook(deps, logId);
    await aboutToOpen.promise;

    const deleting = createIntegrationsStore(handle.db).integrations.remove(organizationId, integrationId);
    await vi.waitFor(async () => expect(await waitingForLocks()).toBeGreaterThan(0), { timeout: 10_000 });
    goOn.resolve();

    expect(await Promise.all([processing, deleting])).toEqual(["processed", "removed"]);
    const integration = await handle.db
      .selectFrom("integrations")
      .select("id")
      .where("id", "=", integrationId)
      .executeTakeFirst();
    expect(integration).toBeUndefined();
    const log = await handle.db
      .selectFrom("webhook_logs")
      .select(["status", "integration_id"])
      .where("id", "=", logId)
      .executeTakeFirstOrThrow();
    expect(log).toEqual({ status: "success", integration_id: null });
    const conversations = await handle.db
      .selectFrom("conversations")
      .select("integration_id")
      .where("organization_id", "=", organizationId)
      .execute();
    expect(conversations).toEqual([{ integration_id: null }]);
  });
});

describe("deleting a payment integration", () => {
  it("is refused while a payment is still pending through it (a link made as its links were expired)", async () => {
    const organizationId = await createOrganization(handle.db);
    const integrationId = (
      await handle.db
        .insertInto("integrations")
        .values({ organization_id: organizationId, channel: "stripe", config: JSON.stringify({}) })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const payment = await handle.db
      .insertInto("payments")
      .values({
        organization_id: organizationId,
        integration_id: integrationId,
        provider: "stripe",
        amount: "10.00",
        status: "pending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const integrations = createIntegrationsStore(handle.db).integrations;

    expect(await integrations.remove(organizationId, integrationId)).toBe("payments_pending");
    const kept = await handle.db
      .selectFrom("integrations")
      .select("id")
      .where("id", "=", integrationId)
      .executeTakeFirst();
    expect(kept).toEqual({ id: integrationId });
    await handle.db.updateTable("payments").set({ status: "expired" }).where("id", "=", payment.id).execute();
    expect(await integrations.remove(organizationId, integrationId)).toBe("removed");
    expect(await integrations.remove(organizationId, integrationId)).toBe("missing");
  });
});
