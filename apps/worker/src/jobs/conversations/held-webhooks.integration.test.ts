import { fakeWamid, signedWhatsAppWebhook } from "@crm/integrations/testing/index";
import { describe, expect, it, vi } from "vitest";
import { postWhatsApp, whatsAppMessagesWebhook } from "./ingestion-test-kit";
import { useWhatsAppApi } from "./whatsapp-api-fixture";

/*
 * A switched-off integration keeps what customers write (the provider got its 200 and never sends it again)
 * and delivers it when switched on: through the real API, its processors, and the database.
 */

const inbox = useWhatsAppApi({ dataDirPrefix: "crm-held-", integrationName: "WhatsApp desligado" });
const db = () => inbox.db;
const phoneNumberId = () => inbox.whatsapp.config.phoneNumberId;
const post = (payload: object) => postWhatsApp(inbox.api.baseUrl, inbox.whatsapp.config, payload);
const from = "5511970001234";

const switchTo = async (isActive: boolean, integrationId = inbox.integrationId) => {
  const res = await inbox.api.rest<{ isActive: boolean; releasedDeliveries: number }>(
    "PATCH",
    `/integrations/${integrationId}`,
    { token: inbox.token, body: { isActive } },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

const messages = () =>
  db()
    .selectFrom("messages as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select(["m.content"])
    .where("m.organization_id", "=", inbox.organizationId)
    .where("c.channel_thread_id", "=", from)
    .orderBy("m.sent_at")
    .orderBy("m.id")
    .execute();

const logs = (integrationId = inbox.integrationId) =>
  db()
    .selectFrom("webhook_logs")
    .select(["id", "status", "attempts", "error_message"])
    .where("integration_id", "=", integrationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();

describe("a switched-off integration", () => {
  it("keeps a signed webhook without processing it, shows it in the log, and delivers it once, in order, when switched on", async () => {
    await switchTo(false);
    const enqueue = vi.spyOn(inbox.api.container.queue, "enqueue");
    // one second for all three: only the order they arrived in can order them
    const at = new Date();
    const first = { from, text: "um", id: fakeWamid(), timestamp: at };
    expect(await post(whatsAppMessagesWebhook(phoneNumberId(), [first]))).toBe(200);
    expect(
      await post(whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "dois", timestamp: at }])),
    ).toBe(200);
    expect(
      await post(whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "três", timestamp: at }])),
    ).toBe(200);
    // Meta redelivers the first one: still one message in the end
    expect(await post(whatsAppMessagesWebhook(phoneNumberId(), [first]))).toBe(200);

    const held = await logs();
    expect(held.map((log) => log.status)).toEqual(["held", "held", "held", "held"]);
    expect(enqueue).not.toHaveBeenCalledWith("webhook-process", expect.anything(), expect.anything());
    enqueue.mockRestore();
    expect(await messages()).toEqual([]);
    const listed = await inbox.api.rest<{ items: Array<{ status: string }> }>(
      "GET",
      `/integrations/${inbox.integrationId}/webhook-logs?status=held`,
      { token: inbox.token },
    );
    expect(listed.body.items).toHaveLength(4);

    expect((await switchTo(true)).releasedDeliveries).toBe(4);
    await vi.waitFor(
      async () => expect((await messages()).map((m) => m.content)).toEqual(["um", "dois", "três"]),
      { timeout: 20_000, interval: 50 },
    );
    await vi.waitFor(async () => expect((await logs()).every((log) => log.status === "success")).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    expect((await logs()).map((log) => log.attempts)).toEqual([1, 1, 1, 1]);

    // switching it off and on again finds nothing left to deliver
    await switchTo(false);
    expect((await switchTo(true)).releasedDeliveries).toBe(0);
    expect((await messages()).map((m) => m.content)).toEqual(["um", "dois", "três"]);
  });

  it("refuses a webhook with a bad signature and stores nothing", async () => {
    await switchTo(false);
    const before = (await logs()).length;
    const signed = signedWhatsAppWebhook(
      whatsAppMessagesWebhook(phoneNumberId(), [{ from, text: "forjada" }]),
      "not-the-app-secret",
    );
    const res = await fetch(`${inbox.api.baseUrl}/webhooks/whatsapp`, {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
    });
    expect(res.status).toBe(401);
    expect(await logs()).toHaveLength(before);
    await switchTo(true);
  });

  it("marks what it kept as failed when it is deleted instead of switched on; later webhooks find no integration", async () => {
    const other = await inbox.api.rest<{ id: string }>("POST", "/integrations", {
      token: inbox.token,
      body: {
        channel: "whatsapp",
        name: "Outro número",
        config: inbox.whatsapp.addPhoneNumber({ phoneNumberId: "5511900000777" }),
      },
    });
    expect(other.status).toBe(201);
    await switchTo(false, other.body.id);
    const payload = whatsAppMessagesWebhook("5511900000777", [{ from: "5511970005678", text: "perdida" }]);
    expect(await post(payload)).toBe(200);
    const [kept] = await logs(other.body.id);
    expect(kept?.status).toBe("held");

    const removed = await inbox.api.rest("DELETE", `/integrations/${other.body.id}`, { token: inbox.token });
    expect(removed.status).toBe(200);
    const row = await db()
      .selectFrom("webhook_logs")
      .select(["status", "error_message"])
      .where("id", "=", kept?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", error_message: expect.stringMatching(/deleted/) });
    expect(await post(payload)).toBe(404);
  });
});
