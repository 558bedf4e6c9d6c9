import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createContact, type ErrorDto, type PageDto } from "../contacts/contact-fixtures";
import { hasValidSignature, startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/** Deliveries go through the queue and back-offs: under a loaded machine a second is not enough. */
const eventually = <T>(assertion: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  vi.waitFor(assertion, { timeout: 15_000, interval: 50, ...options });

interface WebhookDto {
  id: string;
  url: string;
  events: string[];
  secretHint: string;
  isActive: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  secret?: string;
}

interface DeliveryDto {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
}

const api = useTestApi({
  OUTGOING_WEBHOOKS_ALLOW_HTTP: "true",
  OUTGOING_WEBHOOKS_ALLOW_PRIVATE: "true",
  OUTGOING_WEBHOOKS_RETRY_DELAYS_MS: "20,20,20,20,20",
  OUTGOING_WEBHOOKS_DISABLE_AFTER: "9",
});

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const uniquePath = () => `/hook-${randomUUID().slice(0, 8)}`;

async function subscribe(token: string, path: string, events: string[] = ["*"]): Promise<WebhookDto> {
  const res = await api.rest<WebhookDto>("POST", "/webhooks", {
    token,
    body: { url: receiver.url(path), events },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function deliveries(token: string, webhookId: string, query = ""): Promise<DeliveryDto[]> {
  const res = await api.rest<PageDto<DeliveryDto>>("GET", `/webhooks/${webhookId}/deliveries${query}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body.items;
}

async function editContact(token: string, name: string) {
  const contact = await createContact(api, token, { name });
  const res = await api.rest("PATCH", `/contacts/${contact.id}`, {
    token,
    body: { name: `${name} (edited)` },
  });
  expect(res.status).toBe(200);
  return contact;
}

describe("outgoing webhooks: delivery", () => {
  it("POSTs a signed contact_updated when a contact is edited over REST", async () => {
    const owner = await api.register();
    const path = uniquePath();
    const hook = await subscribe(owner.token, path, ["contact_updated"]);
    expect(hook.secret).toMatch(/^whsec_/);
    const contact = await editContact(owner.token, "Ana");

    await eventually(() => expect(receiver.at(path).map((r) => r.body.data.change)).toContain("updated"));
    const request = receiver.at(path).find((r) => r.body.data.change === "updated");
    if (!request) throw new Error("not received");
    expect(hasValidSignature(request, hook.secret ?? "")).toBe(true);
    expect(hasValidSignature(request, "whsec_another")).toBe(false);
    expect(request.headers["x-crm-event"]).toBe("contact_updated");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toMatchObject({
      type: "contact_updated",
      organizationId: owner.organization.id,
      data: { contactId: contact.id, change: "updated" },
    });
    await eventually(async () => {
      const delivered = (await deliveries(owner.token, hook.id)).find(
        (delivery) => delivery.id === request.headers["x-crm-delivery"],
      );
      expect(delivered).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200 });
      expect(delivered?.eventId).toBe(request.body.id);
    });
  });

  it("retries after a 500 with the same delivery and event id, until the receiver answers 2xx", async () => {
    const owner = await api.register();
    const path = uniquePath();
    receiver.answer(path, [500, 503, 200]);
    const hook = await subscribe(owner.token, path);
    const ping = await api.rest<DeliveryDto>("POST", `/webhooks/${hook.id}/test`, { token: owner.token });
    expect(ping.status).toBe(200);

    await eventually(async () => {
      expect((await deliveries(owner.token, hook.id))[0]).toMatchObject({
        id: ping.body.id,
        status: "delivered",
        attempts: 3,
        lastStatusCode: 200,
      });
    });
    const attempts = receiver.at(path);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers["x-crm-delivery"]))).toEqual(new Set([ping.body.id]));
    expect(new Set(attempts.map((r) => r.body.id))).toEqual(new Set([ping.body.eventId]));
    expect(attempts.every((r) => hasValidSignature(r, hook.secret ?? ""))).toBe(true);
  });

  it("fails a delivery after its last attempt with the last status, and Retry sends it again", async () => {
    const owner = await api.register();
    const path = uniquePath();
    receiver.answer(path, [500]);
    const hook = await subscribe(owner.token, path);
    const ping = await api.rest<DeliveryDto>("POST", `/webhooks/${hook.id}/test`, { token: owner.token });

    await eventually(async () => {
      expect((await deliveries(owner.token, hook.id))[0]).toMatchObject({
        status: "failed",
        attempts: 6,
        lastStatusCode: 500,
        lastError: "The receiver answered HTTP 500",
      });
    });
    expect(receiver.at(path)).toHaveLength(6);
    expect(await deliveries(owner.token, hook.id, "?status=delivered")).toEqual([]);
    expect(await deliveries(owner.token, hook.id, "?status=failed")).toHaveLength(1);

    receiver.answer(path, [200]);
    const retried = await api.rest<DeliveryDto>(
      "POST",
      `/webhooks/${hook.id}/deliveries/${ping.body.id}/retry`,
      {
        token: owner.token,
      },
    );
    expect(retried.status).toBe(200);
    await eventually(async () => {
      expect((await deliveries(owner.token, hook.id))[0]).toMatchObject({ status: "delivered", attempts: 1 });
    });
  });

  it("switches a webhook off after failures in a row, with a reason, and it can be switched on again", async () => {
    const owner = await api.register();
    const path = uniquePath();
    receiver.answer(path, [500]);
    const hook = await subscribe(owner.token, path, ["contact_updated"]);
    await createContact(api, owner.token, { name: "Bia" });
    await createContact(api, owner.token, { name: "Caio" });

    await eventually(
      async () => {
        const res = await api.rest<WebhookDto>("GET", `/webhooks/${hook.id}`, { token: owner.token });
        expect(res.body).toMatchObject({
          isActive: false,
          disabledReason: expect.stringContaining("9 failed"),
        });
      },
      { timeout: 10_000 },
    );
    const on = await api.rest<WebhookDto>("PATCH", `/webhooks/${hook.id}`, {
      token: owner.token,
      body: { isActive: true },
    });
    expect(on.body).toMatchObject({ isActive: true, disabledReason: null, consecutiveFailures: 0 });
  });

  it("delivers an event once to each subscription that wants it, and not to the others", async () => {
    const owner = await api.register();
    const [contacts, deals, everything] = [uniquePath(), uniquePath(), uniquePath()];
    const contactsHook = await subscribe(owner.token, contacts, ["contact_updated"]);
    const dealsHook = await subscribe(owner.token, deals, ["deal_updated"]);
    const allHook = await subscribe(owner.token, everything, ["*"]);
    await createContact(api, owner.token, { name: "Dora" });

    await eventually(async () => {
      expect(await deliveries(owner.token, contactsHook.id)).toHaveLength(1);
      expect(await deliveries(owner.token, allHook.id)).toHaveLength(1);
    });
    // the event went through the recorder once for every subscription: the deals one was passed over then
    expect(await deliveries(owner.token, dealsHook.id)).toEqual([]);
    await eventually(() => expect(receiver.at(contacts)).toHaveLength(1));
    await eventually(() => expect(receiver.at(everything)).toHaveLength(1));
    expect(receiver.at(deals)).toEqual([]);
  });

  it("signs with the new secret once it is rotated", async () => {
    const owner = await api.register();
    const path = uniquePath();
    const hook = await subscribe(owner.token, path);
    const rotated = await api.rest<WebhookDto>("POST", `/webhooks/${hook.id}/rotate-secret`, {
      token: owner.token,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    await api.rest("POST", `/webhooks/${hook.id}/test`, { token: owner.token });

    await eventually(() => expect(receiver.at(path)).toHaveLength(1));
    const [ping] = receiver.at(path);
    if (!ping) throw new Error("no ping");
    expect(ping.body.type).toBe("ping");
    expect(hasValidSignature(ping, rotated.body.secret ?? "")).toBe(true);
    expect(hasValidSignature(ping, hook.secret ?? "")).toBe(false);
  });
});

describe("outgoing webhooks: subscriptions", () => {
  it("shows the secret only in the create and rotate answers, never in list or get", async () => {
    const owner = await api.register();
    const hook = await subscribe(owner.token, uniquePath());
    const secret = hook.secret ?? "";
    expect(secret.length).toBeGreaterThan(30);
    expect(hook.secretHint).toBe(`…${secret.slice(-4)}`);
    const list = await api.rest<PageDto<WebhookDto>>("GET", "/webhooks", { token: owner.token });
    const get = await api.rest<WebhookDto>("GET", `/webhooks/${hook.id}`, { token: owner.token });
    const patch = await api.rest<WebhookDto>("PATCH", `/webhooks/${hook.id}`, {
      token: owner.token,
      body: { description: "CRM sync" },
    });
    for (const answer of [list.body, get.body, patch.body]) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('"secret"');
      expect(text).not.toContain('"iv"');
    }
    expect(list.body.items).toEqual([expect.objectContaining({ id: hook.id, secretHint: hook.secretHint })]);
  });

  it.each([
    [{ url: "ftp://example.com/hook", events: ["*"] }, "url"],
    [{ url: `https://example.com/${"a".repeat(2100)}`, events: ["*"] }, "url"],
    [{ url: "https://user:pass@example.com/hook", events: ["*"] }, "url"],
    [{ url: "https://example.com/hook", events: ["user_typing"] }, "events"],
    [{ url: "https://example.com/hook", events: [] }, "events"],
    [{ url: "https://example.com/hook", events: ["*", "deal_updated"] }, "events"],
  ])("POST /webhooks %j answers 400 naming %s", async (body, field) => {
    const owner = await api.register();
    const res = await api.rest<ErrorDto>("POST", "/webhooks", { token: owner.token, body });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.data.fieldErrors ?? {})[0]).toMatch(new RegExp(`^${field}`));
  });

  it("refuses a 21st webhook in one organization", async () => {
    const owner = await api.register();
    for (let i = 0; i < 20; i++) await subscribe(owner.token, `/limit-${i}`);
    const res = await api.rest<ErrorDto>("POST", "/webhooks", {
      token: owner.token,
      body: { url: receiver.url("/limit-21"), events: ["*"] },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain("at most 20");
  });

  it("is for owners and admins (and their API keys): agents and viewers get 403", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const agent = await api.member(owner.token, "agent");
    const viewer = await api.member(owner.token, "viewer");
    const hook = await subscribe(owner.token, uniquePath());
    expect((await api.rest("GET", "/webhooks", { token: admin.token })).status).toBe(200);
    for (const token of [agent.token, viewer.token]) {
      expect((await api.rest("GET", "/webhooks", { token })).status).toBe(403);
      expect((await api.rest("GET", `/webhooks/${hook.id}`, { token })).status).toBe(403);
      expect((await api.rest("GET", `/webhooks/${hook.id}/deliveries`, { token })).status).toBe(403);
      const body = { url: receiver.url("/x"), events: ["*"] };
      expect((await api.rest("POST", "/webhooks", { token, body })).status).toBe(403);
      expect((await api.rest("POST", `/webhooks/${hook.id}/test`, { token })).status).toBe(403);
    }
    const keyOf = async (role: string) =>
      (await api.trpc(owner.token).apiKeys.create.mutate({ name: role, role: role as "admin" })).secret;
    expect((await api.rest("GET", "/webhooks", { token: await keyOf("admin") })).status).toBe(200);
    expect((await api.rest("GET", "/webhooks", { token: await keyOf("agent") })).status).toBe(403);
  });

  it("answers 404 for another organization's webhook, which never receives this organization's events", async () => {
    const owner = await api.register();
    const other = await api.register();
    const mine = uniquePath();
    const theirs = uniquePath();
    const hook = await subscribe(owner.token, mine);
    const otherHook = await subscribe(other.token, theirs);
    const token = other.token;
    expect((await api.rest("GET", `/webhooks/${hook.id}`, { token })).status).toBe(404);
    expect(
      (await api.rest("PATCH", `/webhooks/${hook.id}`, { token, body: { isActive: false } })).status,
    ).toBe(404);
    expect((await api.rest("GET", `/webhooks/${hook.id}/deliveries`, { token })).status).toBe(404);
    expect((await api.rest("POST", `/webhooks/${hook.id}/test`, { token })).status).toBe(404);
    expect((await api.rest("POST", `/webhooks/${hook.id}/rotate-secret`, { token })).status).toBe(404);
    expect((await api.rest("DELETE", `/webhooks/${hook.id}`, { token })).status).toBe(404);
    const ping = await api.rest<DeliveryDto>("POST", `/webhooks/${hook.id}/test`, { token: owner.token });
    expect(
      (await api.rest("POST", `/webhooks/${otherHook.id}/deliveries/${ping.body.id}/retry`, { token }))
        .status,
    ).toBe(404);
    expect(
      (await api.rest<PageDto<WebhookDto>>("GET", "/webhooks", { token })).body.items.map((h) => h.id),
    ).toEqual([otherHook.id]);

    await editContact(owner.token, "Only mine");
    await editContact(other.token, "Theirs");
    // events are recorded in the order they were published: once theirs are recorded, ours were before
    await eventually(async () => expect(await deliveries(other.token, otherHook.id)).toHaveLength(2));
    const ourEvents = (await deliveries(owner.token, hook.id)).filter(
      (d) => d.eventType === "contact_updated",
    );
    expect(ourEvents).toHaveLength(2);
    await eventually(() => expect(receiver.at(theirs)).toHaveLength(2));
    expect(receiver.at(theirs).map((r) => r.body.organizationId)).toEqual([
      other.organization.id,
      other.organization.id,
    ]);
    await eventually(() => expect(receiver.at(mine).length).toBeGreaterThanOrEqual(3));
    expect(receiver.at(mine).every((r) => r.body.organizationId === owner.organization.id)).toBe(true);
    expect((await api.rest("DELETE", `/webhooks/${hook.id}`, { token: owner.token })).status).toBe(200);
    expect((await api.rest("GET", `/webhooks/${hook.id}`, { token: owner.token })).status).toBe(404);
  });
});
