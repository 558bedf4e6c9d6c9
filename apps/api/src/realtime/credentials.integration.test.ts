import { linkToken } from "@crm/worker/testing/smtp-sink";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { AppRouter } from "../trpc/root";
import { contactIdOf, createContact } from "./testing/fixtures";
import type { ReceivedEvent } from "./testing/realtime-client";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const rt = useRealtimeTestApi();

/** One socket, authenticated once with `token`, kept open across the test's subscriptions. */
function openSocket(token: string) {
  const wsClient = createWSClient({
    url: `${rt.baseUrl.replace(/^http/, "ws")}/trpc-ws`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: { token },
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });

  function subscribe(lastEventId?: string) {
    const received: ReceivedEvent[] = [];
    const errors: Array<string | undefined> = [];
    /** What each error said of why the session is over. */
    const reasons: Array<string | undefined> = [];
    let started = false;
    let ended = false;
    const subscription = trpc.realtime.events.subscribe(lastEventId ? { lastEventId } : undefined, {
      onStarted: () => {
        started = true;
      },
      onData: (tracked) => received.push({ id: tracked.id, event: tracked.data }),
      onError: (error) => {
        errors.push(error.data?.code);
        reasons.push(error.data?.sessionEnded);
      },
      onComplete: () => {
        ended = true;
      },
    });
    return {
      received,
      errors,
      reasons,
      started: () => started,
      ended: () => ended,
      stop: () => subscription.unsubscribe(),
    };
  }

  return { trpc, subscribe, close: () => wsClient.close() };
}

const sockets: Array<ReturnType<typeof openSocket>> = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
});

function socketOf(token: string) {
  const socket = openSocket(token);
  sockets.push(socket);
  return socket;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("credentials over /trpc-ws", () => {
  it("serves no query or mutation over a socket, and refuses a new subscription once its user logged out", async () => {
    const owner = await rt.api.register();
    const admin = await rt.api.member(owner.token, "admin");
    const socket = socketOf(admin.token);
    const live = socket.subscribe();
    await until(live.started);
    const seen = await createContact(rt.api, owner.token, "before logout");
    await until(() => live.received.some((e) => contactIdOf(e) === seen));

    await rt.api.trpc(admin.token).auth.logout.mutate({});

    await expect(socket.trpc.users.list.query({})).rejects.toMatchObject({
      data: { code: "METHOD_NOT_SUPPORTED" },
    });
    await expect(
      socket.trpc.apiKeys.create.mutate({ name: "backdoor", role: "admin" }),
    ).rejects.toMatchObject({ data: { code: "METHOD_NOT_SUPPORTED" } });
    await expect(socket.trpc.contacts.create.mutate({ name: "after logout" })).rejects.toMatchObject({
      data: { code: "METHOD_NOT_SUPPORTED" },
    });
    const keys = await rt.api.trpc(owner.token).apiKeys.list.query({});
    expect(keys.items).toEqual([]);

    const again = socket.subscribe();
    await until(() => again.errors.length > 0);
    expect(again.errors).toEqual(["UNAUTHORIZED"]);
    // the session is gone, and with it what ended it: the user is still there with the same role
    expect(again.reasons).toEqual(["signed_out"]);
  });

  it("replays nothing to a removed user's socket resuming from its last event id", async () => {
    const owner = await rt.api.register();
    const agent = await rt.api.member(owner.token, "agent");
    const socket = socketOf(agent.token);
    const first = socket.subscribe();
    await until(first.started);
    const seen = await createContact(rt.api, owner.token, "seen");
    await until(() => first.received.some((e) => contactIdOf(e) === seen));
    const lastEventId = first.received.at(-1)?.id;
    first.stop();

    await rt.api.trpc(owner.token).users.remove.mutate({ id: agent.user.id });
    await createContact(rt.api, owner.token, "created after removal");

    const resumed = socket.subscribe(lastEventId);
    await until(() => resumed.errors.length > 0 || resumed.received.length > 0);
    expect(resumed.received).toEqual([]);
    expect(resumed.errors).toEqual(["UNAUTHORIZED"]);
    expect(resumed.reasons).toEqual(["removed"]);
  });

  it("stops an API key's live subscription once the key is revoked", async () => {
    const owner = await rt.api.register();
    const { apiKey, secret } = await rt.api
      .trpc(owner.token)
      .apiKeys.create.mutate({ name: "integrator", role: "admin" });
    const client = await rt.connect({ token: secret });
    const seen = await createContact(rt.api, owner.token, "while active");
    await client.waitFor((r) => r.some((e) => contactIdOf(e) === seen));

    await rt.api.trpc(owner.token).apiKeys.revoke.mutate({ id: apiKey.id });
    const hidden = await createContact(rt.api, owner.token, "after revocation");

    await until(() => client.ended() || client.received.some((e) => contactIdOf(e) === hidden));
    expect(client.received.map((e) => contactIdOf(e) ?? e.event)).toEqual([
      seen,
      expect.objectContaining({ type: "session_ended", payload: { reason: "signed_out" } }),
    ]);
    expect(client.ended()).toBe(true);
  });
});

const sessionEnded = (reason: string) =>
  expect.objectContaining({ type: "session_ended", payload: { reason } });

describe("a session's end, in its open tabs and nowhere else", () => {
  it("ends the logged-out session's streams at once, saying so; the user's other session keeps listening", async () => {
    const owner = await rt.api.register();
    const elsewhere = await rt.api
      .trpc()
      .auth.login.mutate({ email: owner.user.email, password: owner.password });
    const firstTab = await rt.connect({ token: owner.token });
    const secondTab = await rt.connect({ token: owner.token });
    const otherBrowser = await rt.connect({ token: elsewhere.token });

    await rt.api.trpc(owner.token).auth.logout.mutate({});

    // nothing else happens in the organization: the logout itself ends them
    for (const tab of [firstTab, secondTab]) {
      await tab.waitFor((r) => r.length > 0);
      expect(tab.received.map((e) => e.event)).toEqual([sessionEnded("logged_out")]);
      await expect.poll(() => tab.ended()).toBe(true);
    }
    const after = await createContact(rt.api, elsewhere.token, "after the logout");
    await otherBrowser.waitFor((r) => r.some((e) => contactIdOf(e) === after));
    expect(otherBrowser.received.map((e) => e.event.type)).toEqual(["contact_updated"]);
    expect(otherBrowser.ended()).toBe(false);
    expect(firstTab.received).toHaveLength(1);
  });

  it("refuses a subscription that starts after its session was logged out, saying the session ended", async () => {
    const owner = await rt.api.register();
    await rt.api.trpc(owner.token).auth.logout.mutate({});

    const late = await rt.connect({ token: owner.token });
    expect(late.received).toEqual([]);
    expect(late.errors).toEqual([
      expect.objectContaining({ code: "UNAUTHORIZED", sessionEnded: "signed_out" }),
    ]);
    const anonymous = await rt.connect({});
    expect(anonymous.errors).toEqual([
      expect.objectContaining({ code: "UNAUTHORIZED", sessionEnded: "signed_out" }),
    ]);
  });

  it("ends every session's streams at once when the password is reset, saying so", async () => {
    const owner = await rt.api.register();
    const elsewhere = await rt.api
      .trpc()
      .auth.login.mutate({ email: owner.user.email, password: owner.password });
    // joined before the owner's tabs open, which would otherwise hear of it
    const teammate = await rt.api.member(owner.token, "admin");
    const here = await rt.connect({ token: owner.token });
    const there = await rt.connect({ token: elsewhere.token });
    const watching = await rt.connect({ token: teammate.token });
    await rt.api.trpc().auth.forgotPassword.mutate({ email: owner.user.email });
    const token = linkToken(await rt.api.smtp.waitFor(owner.user.email), "reset-password");

    await rt.api.trpc().auth.resetPassword.mutate({ token, password: "a brand new password" });

    for (const session of [here, there]) {
      await session.waitFor((r) => r.length > 0);
      expect(session.received.map((e) => e.event)).toEqual([sessionEnded("password_reset")]);
      await expect.poll(() => session.ended()).toBe(true);
    }
    const after = await createContact(rt.api, teammate.token, "after the reset");
    await watching.waitFor((r) => r.some((e) => contactIdOf(e) === after));
    expect(watching.received.map((e) => e.event.type)).toEqual(["contact_updated"]);
  });
});
