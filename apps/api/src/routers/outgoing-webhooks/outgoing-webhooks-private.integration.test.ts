import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import type { PageDto } from "../contacts/contact-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/*
 * With OUTGOING_WEBHOOKS_ALLOW_PRIVATE off (as in production), nothing is POSTed to this host or its network: an
 * IP address host is refused when saved, a host name when it resolves at delivery.
 */

const api = useTestApi({
  OUTGOING_WEBHOOKS_ALLOW_HTTP: "true",
  OUTGOING_WEBHOOKS_RETRY_DELAYS_MS: "10",
});

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

interface ErrorBody {
  message: string;
  data: { fieldErrors: Record<string, string[]> | null };
}

interface DeliveryDto {
  id: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
}

describe("outgoing webhooks to private addresses", () => {
  it.each([
    ["a loopback address", "https://127.0.0.1/hook", "127.0.0.1"],
    ["an IPv6 loopback address", "https://[::1]:8443/hook", "::1"],
    ["a private network address", "http://10.0.0.5/hook", "10.0.0.5"],
    ["the cloud metadata address", "http://169.254.169.254/latest/meta-data", "169.254.169.254"],
  ])(
    "refuses %s as a URL's host when the webhook is created or its URL changed",
    async (_what, url, address) => {
      const owner = await api.register();
      const message = `${address} is a private address: webhooks are sent to public addresses only`;
      const created = await api.rest<ErrorBody>("POST", "/webhooks", {
        token: owner.token,
        body: { url, events: ["*"] },
      });
      expect(created.status).toBe(400);
      expect(created.body.message).toBe(message);
      expect(created.body.data.fieldErrors).toEqual({ url: [message] });

      const webhook = await api.rest<{ id: string }>("POST", "/webhooks", {
        token: owner.token,
        body: { url: "https://hooks.example.com/crm", events: ["*"] },
      });
      expect(webhook.status).toBe(201);
      const updated = await api.rest<ErrorBody>("PATCH", `/webhooks/${webhook.body.id}`, {
        token: owner.token,
        body: { url },
      });
      expect(updated.status).toBe(400);
      expect(updated.body.message).toBe(message);
      const after = await api.rest<{ url: string }>("GET", `/webhooks/${webhook.body.id}`, {
        token: owner.token,
      });
      expect(after.body.url).toBe("https://hooks.example.com/crm");
    },
  );

  it("refuses a host name resolving to loopback at delivery time and fails the delivery", async () => {
    const owner = await api.register();
    const created = await api.rest<{ id: string }>("POST", "/webhooks", {
      token: owner.token,
      body: { url: `http://localhost:${receiver.port}/named`, events: ["*"] },
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
