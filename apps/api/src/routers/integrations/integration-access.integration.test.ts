import { postWebhook, slackMessageEvent } from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ChannelFakes,
  createIntegration,
  type IntegrationBody,
  integrationBodies,
  receivedLogId as receivedLogIdOf,
  startIntegrationsTestApi,
} from "./integration-fixtures";

let api: TestApi;
let slack: ChannelFakes["slack"];
let fakes: ChannelFakes;
let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const started = await startIntegrationsTestApi();
  ({ api, close, slack } = started);
  fakes = started;
});
afterAll(() => close?.());

const bodies = (phoneNumberId?: string) => integrationBodies(fakes, phoneNumberId);
const create = (token: string, body: object) => createIntegration(api, token, body);
const receivedLogId = (integrationId: string) => receivedLogIdOf(api, fakes.telegram, integrationId);

describe("testing an integration", () => {
  it.each(["whatsapp", "telegram", "slack", "discord"] as const)(
    "%s: asks the provider who the credentials belong to and keeps the outcome",
    async (channel) => {
      const owner = await api.register();
      // the fake knows only its own phone number id; no other test connects it
      const created = await create(owner.token, bodies()[channel]);
      const ok = await api.rest<{ ok: boolean; identity: string; error: null; integration: IntegrationBody }>(
        "POST",
        `/integrations/${created.body.id}/test`,
        { token: owner.token, body: {} },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        ok: true,
        mode: null,
        error: null,
        integration: { lastTestError: null },
      });
      expect(ok.body.identity.length).toBeGreaterThan(0);
      expect(ok.body.integration.lastTestedAt).not.toBeNull();
    },
  );

  it("reports and stores the provider's refusal", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().slack);
    slack.failNext(401);
    const refused = await api.rest<{ ok: boolean; error: string }>(
      "POST",
      `/integrations/${created.body.id}/test`,
      {
        token: owner.token,
        body: {},
      },
    );
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, error: "Slack: invalid_auth" });
    const stored = await api.rest<IntegrationBody>("GET", `/integrations/${created.body.id}`, {
      token: owner.token,
    });
    expect(stored.body.lastTestError).toBe("Slack: invalid_auth");
    expect(
      (await api.rest("POST", `/integrations/${created.body.id}/test`, { token: owner.token, body: {} }))
        .body,
    ).toMatchObject({
      ok: true,
    });
  });
});

describe("access", () => {
  it("agents and viewers cannot see or change integrations (403)", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().telegram);
    for (const role of ["agent", "viewer"] as const) {
      const member = await api.member(owner.token, role);
      expect((await api.rest("GET", "/integrations", { token: member.token })).status).toBe(403);
      expect(
        (await api.rest("GET", `/integrations/${created.body.id}`, { token: member.token })).status,
      ).toBe(403);
      expect((await create(member.token, bodies().telegram)).status).toBe(403);
      expect(
        (await api.rest("POST", `/integrations/${created.body.id}/test`, { token: member.token, body: {} }))
          .status,
      ).toBe(403);
    }
    const admin = await api.member(owner.token, "admin");
    expect((await api.rest("GET", `/integrations/${created.body.id}`, { token: admin.token })).status).toBe(
      200,
    );
  });

  it("another organization's integration answers 404 everywhere", async () => {
    await expectTenantIsolation(api, async (token) => (await create(token, bodies().telegram)).body.id, [
      { name: "get", call: (token, id) => api.rest("GET", `/integrations/${id}`, { token }) },
      {
        name: "update",
        call: (token, id) => api.rest("PATCH", `/integrations/${id}`, { token, body: { name: "mine" } }),
      },
      {
        name: "test",
        call: (token, id) => api.rest("POST", `/integrations/${id}/test`, { token, body: {} }),
      },
      {
        name: "webhook logs",
        call: (token, id) => api.rest("GET", `/integrations/${id}/webhook-logs`, { token }),
      },
      {
        name: "retry",
        call: async (token, id) =>
          api.rest("POST", `/integrations/${id}/webhook-logs/${await receivedLogId(id)}/retry`, {
            token,
            body: {},
          }),
      },
      { name: "delete", call: (token, id) => api.rest("DELETE", `/integrations/${id}`, { token }) },
    ]);
  });
});

describe("webhook logs", () => {
  it("lists what an integration received, filtered by status, and retries one", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().telegram);
    const first = await receivedLogId(created.body.id);
    const second = await receivedLogId(created.body.id);
    const page = await api.rest<{
      items: Array<{ id: string; payload: unknown }>;
      nextCursor: string | null;
    }>("GET", `/integrations/${created.body.id}/webhook-logs?limit=1`, { token: owner.token });
    expect(page.status).toBe(200);
    expect(page.body.items.map((i) => i.id)).toEqual([second]);
    const next = await api.rest<{ items: Array<{ id: string }> }>(
      "GET",
      `/integrations/${created.body.id}/webhook-logs?limit=1&cursor=${page.body.nextCursor}`,
      { token: owner.token },
    );
    expect(next.body.items.map((i) => i.id)).toEqual([first]);

    const enqueue = vi.spyOn(api.container.queue, "enqueue");
    try {
      const retried = await api.rest<{ id: string; status: string }>(
        "POST",
        `/integrations/${created.body.id}/webhook-logs/${first}/retry`,
        { token: owner.token, body: {} },
      );
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: first, status: "retrying" });
      expect(enqueue).toHaveBeenCalledWith(
        "webhook-process",
        { webhookLogId: first },
        expect.objectContaining({ jobId: expect.stringMatching(new RegExp(`^${first}-retry-\\d+$`)) }),
      );
    } finally {
      enqueue.mockRestore();
    }
    const failed = await api.rest<{ items: unknown[] }>(
      "GET",
      `/integrations/${created.body.id}/webhook-logs?status=failed`,
      { token: owner.token },
    );
    expect(failed.status).toBe(200);
    const otherIntegration = await create(owner.token, bodies().slack);
    expect(
      (
        await api.rest("POST", `/integrations/${otherIntegration.body.id}/webhook-logs/${first}/retry`, {
          token: owner.token,
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it("shows payloads without the tokens they carry", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().slack);
    const event = slackMessageEvent({ channel: "C1", user: "U1", text: "oi" });
    const res = await postWebhook(
      `${api.baseUrl}/webhooks/slack/${created.body.id}`,
      slack.signedWebhook(event),
    );
    expect(res.status).toBe(200);
    const logs = await api.rest<{ items: Array<{ payload: { token: string; type: string } }> }>(
      "GET",
      `/integrations/${created.body.id}/webhook-logs`,
      { token: owner.token },
    );
    expect(logs.body.items[0]?.payload).toMatchObject({ type: "event_callback", token: "[redacted]" });
  });
});
