import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import type { PageDto } from "../contacts/contact-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/* With OUTGOING_WEBHOOKS_ALLOW_PRIVATE off (as in production), nothing is POSTed to this host or its network. */

const api = useTestApi({
  OUTGOING_WEBHOOKS_ALLOW_HTTP: "true",
  OUTGOING_WEBHOOKS_RETRY_DELAYS_MS: "10",
});

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

interface DeliveryDto {
  id: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
}

describe("outgoing webhooks to private addresses", () => {
  it.each([
    ["a loopback address", (port: number) => `http://127.0.0.1:${port}/literal`],
    ["a host name resolving to loopback", (port: number) => `http://localhost:${port}/named`],
    ["the cloud metadata address", () => "http://169.254.169.254/latest/meta-data"],
  ])("refuses %s at delivery time and fails the delivery", async (_what, urlOf) => {
    const owner = await api.register();
    const created = await api.rest<{ id: string }>("POST", "/webhooks", {
      token: owner.token,
      body: { url: urlOf(receiver.port), events: ["*"] },
    });
    expect(created.status).toBe(201);
    const ping = await api.rest<DeliveryDto>("POST", `/webhooks/${created.body.id}/test`, {
      token: owner.token,
    });
    expect(ping.status).toBe(200);

    await vi.waitFor(async () => {
      const list = await api.rest<PageDto<DeliveryDto>>("GET", `/webhooks/${created.body.id}/deliveries`, {
        token: owner.token,
      });
      expect(list.body.items[0]).toMatchObject({
        status: "failed",
        attempts: 2,
        lastStatusCode: null,
        lastError: expect.stringContaining("private address"),
      });
    });
    expect(receiver.received).toEqual([]);
  });
});
