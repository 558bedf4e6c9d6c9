import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFromTemplate, dropDatabase, ensureTemplate } from "@crm/db/testing/postgres-template";
import {
  type FakeTelegram,
  postWebhook,
  startFakeTelegram,
  telegramTextUpdate,
} from "@crm/integrations/testing";
import { servicesFor } from "@crm/runtime/testing/env";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { type ApiProcess, isolatedRedisUrl, startApiProcess } from "./testing/api-process";
import { connectRealtime, type RealtimeTestClient, type ReceivedEvent } from "./testing/realtime-client";

const services = servicesFor(["DATABASE_URL", "REDIS_URL"], "two replicas need both");

/**
 * Two API replicas (real processes) sharing Postgres and Redis: what one accepts, the other's clients
 * receive, and a client that reconnects resumes from its last event id.
 */
describe.skipIf(!services)("realtime across two API replicas", () => {
  let a: ApiProcess;
  let b: ApiProcess;
  let telegram: FakeTelegram;
  let database: { name: string; url: string };
  let dataDir: string;
  const clients: RealtimeTestClient[] = [];

  beforeAll(async () => {
    const adminUrl = services?.DATABASE_URL ?? "";
    await ensureTemplate(adminUrl);
    database = await createFromTemplate(adminUrl);
    dataDir = await mkdtemp(join(tmpdir(), "crm-replicas-"));
    telegram = await startFakeTelegram();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: isolatedRedisUrl(services?.REDIS_URL ?? ""),
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      WEB_DIST_DIR: "/nonexistent",
      TELEGRAM_API_BASE: telegram.apiBase,
      AUTH_RATE_LIMIT_PER_IP: "10000",
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      // a replica recalls a session a minute here: only an announced revocation ends it sooner
      CREDENTIAL_CACHE_TTL_MS: "60000",
    };
    // A also runs the jobs (its webhooks are ingested there); B only serves clients
    [a, b] = await Promise.all([
      startApiProcess({ ...env, EMBEDDED_WORKER: "true" }),
      startApiProcess({ ...env, EMBEDDED_WORKER: "false" }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    a?.kill();
    b?.kill();
    await telegram?.close();
    if (database) await dropDatabase(services?.DATABASE_URL ?? "", database.name);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function rest<T>(base: string, method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    expect(response.ok, JSON.stringify(json)).toBe(true);
    return json;
  }

  async function connect(
    base: Parameters<typeof connectRealtime>[0],
    options: Parameters<typeof connectRealtime>[1],
  ) {
    const client = await connectRealtime(base, options);
    clients.push(client);
    return client;
  }

  let counter = 0;
  async function register(base: string) {
    counter += 1;
    return rest<{ token: string; user: { id: string } }>(base, "POST", "/auth/register", undefined, {
      organizationName: `Replicas ${counter} ${Date.now()}`,
      name: "Owner",
      email: `replicas-${counter}-${Date.now()}@example.com`,
      password: "correct horse battery",
    });
  }

  const contactIdOf = (e: ReceivedEvent) =>
    e.event.type === "contact_updated" ? e.event.payload.contactId : undefined;
  const has = (id: string) => (r: ReceivedEvent[]) => r.some((e) => contactIdOf(e) === id);

  it("delivers on B what A accepted, and resumes after a reconnect with nothing missed and nothing doubled", async () => {
    const owner = await register(a.baseUrl);
    const stranger = await register(b.baseUrl);
    const integration = await rest<{ id: string }>(a.baseUrl, "POST", "/integrations", owner.token, {
      channel: "telegram",
      name: "Telegram",
      config: telegram.config,
    });
    // the reference: connected to A the whole time
    const reference = await connect(a.baseUrl, { token: owner.token });
    const onB = await connect(b.baseUrl, { token: owner.token });
    const strangerOnB = await connect(b.baseUrl, { token: stranger.token });

    const webhook = (text: string) =>
      postWebhook(
        `${a.baseUrl}/webhooks/telegram/${integration.id}`,
        telegram.signedWebhook(telegramTextUpdate({ chatId: 4242, text })),
      );
    expect((await webhook("Olá, quero comprar")).status).toBe(200);
    await onB.waitFor((r) => r.some((e) => e.event.type === "new_message"), 20_000);
    const first = await rest<{ id: string }>(a.baseUrl, "POST", "/contacts", owner.token, { name: "Before" });
    await onB.waitFor(has(first.id));
    const lastEventId = onB.lastId();
    await onB.close();

    expect((await webhook("Ainda está aí?")).status).toBe(200);
    const missed = await rest<{ id: string }>(a.baseUrl, "POST", "/contacts", owner.token, {
      name: "Missed",
    });
    await reference.waitFor(has(missed.id), 20_000);
    await reference.waitFor((r) => r.filter((e) => e.event.type === "new_message").length === 2, 20_000);

    const resumed = await connect(b.baseUrl, { token: owner.token, lastEventId });
    const live = await rest<{ id: string }>(a.baseUrl, "POST", "/contacts", owner.token, { name: "Live" });
    await reference.waitFor(has(live.id));
    await resumed.waitFor(has(live.id));

    const onBTotal = [...onB.received, ...resumed.received];
    const untilLive = reference.received.slice(
      0,
      reference.received.findIndex((e) => contactIdOf(e) === live.id) + 1,
    );
    expect(onBTotal.map((e) => e.id)).toEqual(untilLive.map((e) => e.id));
    expect(onBTotal.map((e) => e.event)).toEqual(untilLive.map((e) => e.event));
    expect(untilLive.map((e) => e.event.type)).toContain("new_message");

    // the other organization, connected to B all along, heard nothing of it
    await rest(b.baseUrl, "POST", "/contacts", stranger.token, { name: "Own" });
    await strangerOnB.waitFor((r) => r.length === 1);
    expect(strangerOnB.received.map((e) => e.event.type)).toEqual(["contact_updated"]);
  }, 120_000);

  it("refuses on B, at once, a session signed out on A, though B had just recalled it; its events stop", async () => {
    const owner = await register(a.baseUrl);
    const me = (base: string) =>
      fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect((await me(b.baseUrl)).status).toBe(200);
    expect((await me(b.baseUrl)).status).toBe(200);
    const integrator = await rest<{ secret: string }>(a.baseUrl, "POST", "/api-keys", owner.token, {
      name: "Integrator",
      role: "admin",
    });
    const onB = await connect(b.baseUrl, { token: owner.token });

    await rest(a.baseUrl, "POST", "/auth/logout", owner.token, {});
    expect((await me(a.baseUrl)).status).toBe(401);
    await vi.waitFor(async () => expect((await me(b.baseUrl)).status).toBe(401), { timeout: 10_000 });
    // the stream on B has ended (see the next test) and never sends what follows
    const after = await rest<{ id: string }>(a.baseUrl, "POST", "/contacts", integrator.secret, {
      name: "After",
    });
    await vi.waitFor(() => expect(onB.ended()).toBe(true), { timeout: 10_000 });
    expect(onB.received.map(contactIdOf)).not.toContain(after.id);
  }, 60_000);

  it("ends on B at once, saying so, the streams of a session logged out on A; the user's other session stays", async () => {
    const owner = await register(a.baseUrl);
    const email = (await rest<{ user: { email: string } }>(a.baseUrl, "GET", "/auth/me", owner.token)).user
      .email;
    const elsewhere = await rest<{ token: string }>(b.baseUrl, "POST", "/auth/login", undefined, {
      email,
      password: "correct horse battery",
    });
    const tabOnB = await connect(b.baseUrl, { token: owner.token });
    const otherBrowserOnB = await connect(b.baseUrl, { token: elsewhere.token });

    await rest(a.baseUrl, "POST", "/auth/logout", owner.token, {});

    // nothing else happens in the organization: the logout on A itself ends the stream on B
    await tabOnB.waitFor((r) => r.length > 0);
    expect(tabOnB.received.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: "session_ended", payload: { reason: "logged_out" } }),
    ]);
    await vi.waitFor(() => expect(tabOnB.ended()).toBe(true));
    const after = await rest<{ id: string }>(a.baseUrl, "POST", "/contacts", elsewhere.token, {
      name: "After",
    });
    await otherBrowserOnB.waitFor(has(after.id));
    expect(otherBrowserOnB.received.map(contactIdOf)).toEqual([after.id]);
  }, 60_000);

  it("tells its clients to reconnect before a replica stops: they resume on the other one, nothing missed", async () => {
    const owner = await register(a.baseUrl);
    const reference = await connect(a.baseUrl, { token: owner.token });
    // as behind a load balancer: B while it serves, A once B is going away
    let bServes = true;
    const moving = await connect(() => (bServes ? b.baseUrl : a.baseUrl), { token: owner.token });
    const socket = new WebSocket(`${b.baseUrl.replace(/^http/, "ws")}/trpc-ws`);
    const messages: string[] = [];
    socket.on("message", (data: Buffer) => messages.push(data.toString()));
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    const closed = new Promise((resolve) => socket.once("close", resolve));

    const before = await rest<{ id: string }>(a.baseUrl, "POST", "/contacts", owner.token, {
      name: "Before",
    });
    await moving.waitFor(has(before.id));
    bServes = false;
    expect(await b.stop()).toBe(0);
    await closed;
    expect(messages.map((m) => JSON.parse(m))).toContainEqual({ id: null, method: "reconnect" });

    const after = await rest<{ id: string }>(a.baseUrl, "POST", "/contacts", owner.token, { name: "After" });
    await reference.waitFor(has(after.id));
    await moving.waitFor(has(after.id), 20_000);
    expect(moving.received.map((e) => e.id)).toEqual(reference.received.map((e) => e.id));
    expect(moving.received.map(contactIdOf)).toEqual([before.id, after.id]);
    expect(moving.errors).toEqual([]);
  }, 60_000);
});
