import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DatabaseHandle } from "@crm/db";
import { insertOrganization } from "@crm/db/conversations/retention-fixtures";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { secretContext } from "@crm/domain/outgoing-webhooks/subscriptions";
import { createCredentialCipher } from "@crm/integrations";
import { createInProcessQueue } from "@crm/runtime";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deliverWebhookJob, sweepWebhookDeliveriesJob } from "./deliver-webhook";
import { createOutgoingWebhooksDeps } from "./outgoing-webhooks-deps";

/* A delivery row whose job the queue lost (Redis flushed, a crash between insert and enqueue) is still sent. */

let database: DatabaseHandle;
const bodies: string[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    bodies.push(Buffer.concat(chunks).toString("utf8"));
    response.writeHead(200).end();
  });
});

beforeAll(async () => {
  database = await createTestDatabase();
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await database.close();
});

describe("outgoing webhook sweep", () => {
  it("sends an overdue pending delivery that has no job", async () => {
    const logger = createRecordingLogger();
    const queue = createInProcessQueue({ logger });
    const deps = createOutgoingWebhooksDeps({
      db: database.db,
      cipher: createCredentialCipher(Buffer.alloc(32, 9)),
      queue,
      logger,
      settings: { allowHttp: true, allowPrivate: true },
    });
    queue.process("outgoing-webhook-deliver", (payload) => deliverWebhookJob(deps, payload));
    const organizationId = await insertOrganization(database.db, 365);
    const id = crypto.randomUUID();
    const port = (receiver.address() as AddressInfo).port;
    await deps.store.subscriptions.create(
      organizationId,
      id,
      {
        url: `http://127.0.0.1:${port}/lost`,
        description: null,
        events: ["*"],
        isActive: true,
        secret: deps.cipher.seal("whsec_sweep", secretContext(organizationId, id)),
        secretHint: "…weep",
      },
      20,
    );
    const [deliveryId] = await deps.store.deliveries.insertMany(organizationId, [
      { subscriptionId: id, eventId: "1700000000000-0", eventType: "deal_updated", payload: { id: "lost" } },
    ]);
    // its job never ran: written two minutes ago, nothing queued since
    await database.db
      .updateTable("outgoing_webhook_deliveries")
      .set({ created_at: sql<Date>`now() - interval '2 minutes'` })
      .where("id", "=", deliveryId ?? "")
      .execute();

    await sweepWebhookDeliveriesJob(deps);

    await vi.waitFor(async () => {
      const delivery = await deps.store.deliveries.findById(organizationId, deliveryId ?? "");
      expect(delivery).toMatchObject({ status: "delivered", attempts: 1 });
    });
    expect(bodies).toEqual([JSON.stringify({ id: "lost" })]);
    await queue.close();
  });
});
