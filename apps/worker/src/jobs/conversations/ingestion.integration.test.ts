import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fakeWhatsAppVersion, whatsAppStatusWebhook } from "@crm/integrations/testing/index";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { postWhatsApp, whatsAppImageWebhook, whatsAppMessagesWebhook } from "./ingestion-test-kit";
import { useWhatsAppApi } from "./whatsapp-api-fixture";

/*
 * The inbound pipeline through the real API: signed webhooks on /webhooks/whatsapp, the API's processors
 * (in-process, or BullMQ when REDIS_URL is set), the fake WhatsApp serving media over HTTP.
 */

const inbox = useWhatsAppApi({ dataDirPrefix: "crm-ingestion-", integrationName: "WhatsApp da loja" });
const { events } = inbox;
const db = () => inbox.db;
const phoneNumberId = () => inbox.whatsapp.config.phoneNumberId;
const post = (payload: object) => postWhatsApp(inbox.api.baseUrl, inbox.whatsapp.config, payload);
let senderCount = 0;
/** A Brazilian mobile (with its ninth digit) no other test uses. */
const newSender = () => {
  senderCount += 1;
  return `55119${70_000_000 + senderCount}`;
};

const messagesFrom = (waId: string) =>
  db()
    .selectFrom("messages as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select([
      "m.id",
      "m.content",
      "m.channel_message_id",
      "m.media_status",
      "m.media_url",
      "m.media_mime_type",
      "c.id as conversation_id",
      "c.status",
      "c.contact_id",
      "c.unread_count",
    ])
    .where("m.organization_id", "=", inbox.organizationId)
    .where("c.channel_thread_id", "=", waId)
    .orderBy("m.sent_at")
    .execute();

const logsOf = (status?: "pending" | "success" | "failed" | "retrying") =>
  db()
    .selectFrom("webhook_logs")
    .select(["id", "status", "attempts", "error_message"])
    .where("organization_id", "=", inbox.organizationId)
    .$if(status !== undefined, (q) => q.where("status", "=", status ?? "pending"))
    .execute();

/** Waits until no log of the organization is still pending or retrying. */
const processed = () =>
  vi.waitFor(
    async () => {
      const open = (await logsOf()).filter((log) => log.status === "pending" || log.status === "retrying");
      expect(open).toEqual([]);
    },
    { timeout: 20_000, interval: 50 },
  );

describe("inbound WhatsApp messages", () => {
  it("stores a webhook delivered five times as one message", async () => {
    const from = newSender();
    const payload = whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "Bom dia, vocês entregam?" }]);

    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(payload)));

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await processed();
    const messages = await messagesFrom(from);
    expect(messages).toEqual([
      expect.objectContaining({ content: "Bom dia, vocês entregam?", unread_count: 1 }),
    ]);
    const newMessages = events.filter(
      (e) => e.type === "new_message" && (e.payload as { messageId: string }).messageId === messages[0]?.id,
    );
    expect(newMessages).toHaveLength(1);
  });

  it("stores every message of a batch", async () => {
    const [ana, bia] = [newSender(), newSender()];
    const payload = whatsAppMessagesWebhook(phoneNumberId(), [
      { from: ana, text: "um", timestamp: new Date("2030-01-01T10:00:00Z") },
      { from: bia, text: "dois", timestamp: new Date("2030-01-01T10:00:01Z") },
      { from: ana, text: "três", timestamp: new Date("2030-01-01T10:00:02Z") },
    ]);

    expect(await post(payload)).toBe(200);
    await processed();

    expect((await messagesFrom(ana)).map((m) => m.content)).toEqual(["um", "três"]);
    expect((await messagesFrom(bia)).map((m) => m.content)).toEqual(["dois"]);
  });

  it("matches a number sent without the ninth digit to the contact stored with it", async () => {
    const created = await inbox.api.rest<{ id: string }>("POST", "/contacts", {
      token: inbox.token,
      body: { name: "Maria Souza", phone: "+55 11 98123-4567" },
    });
    expect(created.status).toBe(201);

    expect(await post(whatsAppMessagesWebhook(phoneNumberId(), [{ from: "551181234567", text: "oi" }]))).toBe(
      200,
    );
    await processed();

    const [message] = await messagesFrom("551181234567");
    expect(message?.contact_id).toBe(created.body.id);
  });

  it("reopens a closed conversation when the customer writes again", async () => {
    const from = newSender();
    await post(whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "primeira" }]));
    await processed();
    const [first] = await messagesFrom(from);
    await db()
      .updateTable("conversations")
      .set({ status: "closed", unread_count: 0 })
      .where("id", "=", first?.conversation_id ?? "")
      .execute();

    await post(whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "voltei" }]));
    await processed();

    const messages = await messagesFrom(from);
    expect(messages.map((m) => [m.content, m.status, m.unread_count])).toEqual([
      ["primeira", "open", 1],
      ["voltei", "open", 1],
    ]);
  });

  it("ends an outbound message at the highest status when callbacks arrive out of order", async () => {
    const from = newSender();
    await post(whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "oi" }]));
    await processed();
    const [inbound] = await messagesFrom(from);
    const outbound = await db()
      .insertInto("messages")
      .values({
        organization_id: inbox.organizationId,
        conversation_id: inbound?.conversation_id ?? "",
        channel: "whatsapp",
        sender_type: "agent",
        direction: "outbound",
        content: "Olá!",
        channel_message_id: "wamid.outbound-1",
        status: "pending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const statuses = await Promise.all(
      (["read", "sent", "delivered", "sent"] as const).map((status) =>
        post(
          whatsAppStatusWebhook({
            phoneNumberId: phoneNumberId(),
            messageId: "wamid.outbound-1",
            recipient: from,
            status,
          }),
        ),
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200]);
    await processed();

    const row = await db()
      .selectFrom("messages")
      .select("status")
      .where("id", "=", outbound.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("read");
  });
});

describe("inbound media", () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);

  it("stores the message at once, then the file the provider serves", async () => {
    const from = newSender();
    const mediaId = inbox.whatsapp.addMedia(jpeg, "image/jpeg");

    expect(await post(whatsAppImageWebhook(phoneNumberId(), { from, mediaId, caption: "o produto" }))).toBe(
      200,
    );

    await vi.waitFor(async () => expect((await messagesFrom(from))[0]?.media_status).toBe("stored"), {
      timeout: 20_000,
      interval: 50,
    });
    const [message] = await messagesFrom(from);
    expect(message).toMatchObject({ content: "o produto", media_mime_type: "image/jpeg" });
    const key = `${inbox.organizationId}/${message?.id}.jpg`;
    expect(message?.media_url).toBe(`/media/${key}`);
    expect(new Uint8Array(await readFile(join(inbox.dataDir, "media", key)))).toEqual(jpeg);
  });

  it("retries a download the provider fails, until it succeeds", async () => {
    const from = newSender();
    const mediaId = inbox.whatsapp.addMedia(jpeg, "image/jpeg");
    await post(whatsAppImageWebhook(phoneNumberId(), { from, mediaId }));
    await vi.waitFor(async () => expect((await messagesFrom(from))[0]?.media_status).toBe("stored"), {
      timeout: 20_000,
      interval: 50,
    });
    const lookups = () =>
      inbox.whatsapp.requests.filter((r) => r.path === `/${fakeWhatsAppVersion}/${mediaId}`).length;
    const before = lookups();
    inbox.whatsapp.failNext(500, 2);
    const [pending] = await messagesFrom(from);
    await db()
      .updateTable("messages")
      .set({ media_status: "pending" })
      .where("id", "=", pending?.id ?? "")
      .execute();
    await inbox.api.container.queue.enqueue("media-download", { messageId: pending?.id ?? "" });

    await vi.waitFor(async () => expect((await messagesFrom(from))[0]?.media_status).toBe("stored"), {
      timeout: 20_000,
      interval: 50,
    });
    expect(lookups() - before).toBe(3);
  });

  it("marks the media failed when the provider refuses it for good", async () => {
    const from = newSender();
    await post(whatsAppImageWebhook(phoneNumberId(), { from, mediaId: "no-such-media" }));

    await vi.waitFor(async () => expect((await messagesFrom(from))[0]?.media_status).toBe("failed"), {
      timeout: 20_000,
      interval: 50,
    });
  });
});

describe("recovery", () => {
  it("processes a stored webhook whose job was lost, through the sweeper", async () => {
    const from = newSender();
    const lost = await db()
      .insertInto("webhook_logs")
      .values({
        organization_id: inbox.organizationId,
        integration_id: inbox.integrationId,
        channel: "whatsapp",
        payload: JSON.stringify(whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "perdida" }])),
        created_at: new Date(Date.now() - 2 * 60_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    await inbox.api.container.queue.enqueue("webhook-sweep", {});

    await vi.waitFor(
      async () => expect((await messagesFrom(from)).map((m) => m.content)).toEqual(["perdida"]),
      {
        timeout: 20_000,
        interval: 50,
      },
    );
    const [log] = (await logsOf("success")).filter((l) => l.id === lost.id);
    expect(log).toMatchObject({ status: "success", attempts: 1 });
  });

  it("shows a webhook that failed on every attempt as failed, with its error", async () => {
    // the database refuses this one message, as a broken disk or a bad row would on every retry
    await sql`
      create or replace function refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.content = 'poison' then raise exception 'message refused by the database'; end if;
        return new;
      end $$`.execute(db());
    await sql`create trigger refuse_poison before insert on messages for each row execute function refuse_poison()`.execute(
      db(),
    );
    const from = newSender();

    expect(await post(whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "poison" }]))).toBe(200);

    await vi.waitFor(async () => expect(await logsOf("failed")).toHaveLength(1), {
      timeout: 40_000,
      interval: 100,
    });
    const logs = await inbox.api.rest<{
      items: Array<{ status: string; attempts: number; errorMessage: string | null }>;
    }>("GET", `/integrations/${inbox.integrationId}/webhook-logs?status=failed`, { token: inbox.token });
    expect(logs.status).toBe(200);
    expect(logs.body.items).toEqual([
      expect.objectContaining({
        status: "failed",
        attempts: 5,
        errorMessage: "message refused by the database",
      }),
    ]);
    expect(await messagesFrom(from)).toEqual([]);
  }, 60_000);
});
