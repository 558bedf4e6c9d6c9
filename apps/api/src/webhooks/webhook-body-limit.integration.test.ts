import { type FakeWhatsApp, startFakeWhatsApp, whatsAppTextWebhook } from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";

/*
 * The 1 MB webhook limit, checked from Content-Length when there is one (the body is then read directly as
 * bytes) and by counting when the body comes chunked.
 */

let whatsapp: FakeWhatsApp;
let integrationId: string;

// Before useTestApi on purpose: the fakes start first and (after-hooks run in reverse) close last.
beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
});
afterAll(async () => {
  await whatsapp?.close();
});
const api = useTestApi(() => ({ WHATSAPP_API_BASE: whatsapp.apiBase }));
beforeAll(async () => {
  const owner = await api.register();
  const res = await api.rest<{ id: string }>("POST", "/integrations", {
    token: owner.token,
    body: { channel: "whatsapp", name: "whatsapp", config: whatsapp.config },
  });
  integrationId = res.body.id;
});

const tooLarge = () =>
  JSON.stringify({ object: "whatsapp_business_account", padding: "x".repeat(1024 * 1024) });

/** Sent without Content-Length: the body is a stream, so it goes out chunked. */
const chunked = (body: string, headers: Record<string, string>) =>
  fetch(`${api.baseUrl}/webhooks/whatsapp`, {
    method: "POST",
    headers,
    body: new Blob([body]).stream(),
    duplex: "half",
  } as RequestInit);

const logCount = async () =>
  (
    await api.container.db.db
      .selectFrom("webhook_logs")
      .select("id")
      .where("integration_id", "=", integrationId)
      .execute()
  ).length;

describe("webhook body limit", () => {
  it("answers 413 for a body over 1 MB declared by Content-Length, and stores nothing", async () => {
    const body = tooLarge();
    const res = await fetch(`${api.baseUrl}/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", ...whatsapp.signedWebhook(JSON.parse(body)).headers },
      body,
    });
    expect(res.status).toBe(413);
    expect(await logCount()).toBe(0);
  });

  it("answers 413 for a chunked body over 1 MB", async () => {
    const body = tooLarge();
    const res = await chunked(body, whatsapp.signedWebhook(JSON.parse(body)).headers);
    expect(res.status).toBe(413);
    expect(await logCount()).toBe(0);
  });

  it("verifies and stores a chunked webhook under the limit, signature over the same bytes", async () => {
    const payload = whatsAppTextWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: "551187654321",
      text: "Oi, tudo bem?",
    });
    const signed = whatsapp.signedWebhook(payload);
    const res = await chunked(signed.body, signed.headers);
    expect(res.status).toBe(200);
    expect(await logCount()).toBe(1);
  });
});
