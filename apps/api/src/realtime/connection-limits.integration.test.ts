import { realtimeCloseCodes } from "@crm/contracts/realtime/close-codes";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const perUser = 3;
const unauthenticatedPerIp = 3;
const rt = useRealtimeTestApi({
  REALTIME_AUTH_TIMEOUT_MS: "1000",
  REALTIME_CONNECTIONS_PER_USER: String(perUser),
  REALTIME_UNAUTHENTICATED_CONNECTIONS_PER_IP: String(unauthenticatedPerIp),
});

interface Socket {
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  /** Sends the token as `connectionParams`, as the typed client does first. */
  authenticate(token: string): void;
  /** Subscribes to `realtime.events`: "started", or the error's code, or "closed". */
  subscribe(id: number): Promise<string>;
}

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});

/** A raw socket to `/trpc-ws`, open (the server may still close it at once). */
async function open(query = "?connectionParams=1"): Promise<Socket> {
  const ws = new WebSocket(`${rt.baseUrl.replace(/^http/, "ws")}/trpc-ws${query}`);
  sockets.push(ws);
  const answers = new Map<number, (outcome: string) => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => {
      for (const answer of answers.values()) answer("closed");
      resolve({ code, reason: reason.toString() });
    }),
  );
  ws.on("message", (data) => {
    const text = data.toString();
    if (text === "PING" || text === "PONG") return;
    const message = JSON.parse(text) as {
      id: number;
      result?: { type: string };
      error?: { data?: { code?: string } };
    };
    const outcome = message.error ? (message.error.data?.code ?? "error") : message.result?.type;
    if (outcome === "started" || message.error) answers.get(message.id)?.(outcome ?? "error");
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return {
    ws,
    closed,
    authenticate: (token) => ws.send(JSON.stringify({ method: "connectionParams", data: { token } })),
    subscribe: (id) =>
      new Promise<string>((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve("closed");
        answers.set(id, resolve);
        ws.send(
          JSON.stringify({ id, method: "subscription", params: { path: "realtime.events", input: {} } }),
        );
      }),
  };
}

/** An authenticated socket with its subscription running. */
async function subscribed(token: string): Promise<Socket> {
  const socket = await open();
  socket.authenticate(token);
  expect(await socket.subscribe(1)).toBe("started");
  return socket;
}

describe("realtime connection limits", () => {
  it("closes a socket that does not authenticate in time, and not one that did", async () => {
    const owner = await rt.api.register();
    const authenticated = await subscribed(owner.token);
    const silent = await open();
    const withoutCredentials = await open("");

    expect(await silent.closed).toEqual({
      code: realtimeCloseCodes.authenticationTimeout,
      reason: "Not authenticated in time",
    });
    expect((await withoutCredentials.closed).code).toBe(realtimeCloseCodes.authenticationTimeout);
    // opened first: its own timer would have fired before theirs
    expect(authenticated.ws.readyState).toBe(WebSocket.OPEN);
    expect(await authenticated.subscribe(2)).toBe("started");
  });

  it("refuses a user's sockets past the cap, with a close code saying so, and counts each user apart", async () => {
    const owner = await rt.api.register();
    const held = [];
    for (let i = 0; i < perUser; i++) held.push(await subscribed(owner.token));

    const over = await open();
    over.authenticate(owner.token);
    expect(await over.subscribe(1)).toBe("closed");
    const refusal = await over.closed;
    expect(refusal.code).toBe(realtimeCloseCodes.tooManyConnections);
    expect(refusal.reason).toBe(`Too many realtime connections for this user (at most ${perUser})`);
    for (const socket of held) expect(socket.ws.readyState).toBe(WebSocket.OPEN);

    const other = await rt.api.register();
    await subscribed(other.token);

    // a socket closed frees its place
    held[0]?.ws.close();
    await held[0]?.closed;
    let again = "closed";
    for (let attempt = 0; attempt < 20 && again !== "started"; attempt++) {
      const socket = await open();
      socket.authenticate(owner.token);
      again = await socket.subscribe(1);
    }
    expect(again).toBe("started");
  });

  it("refuses unauthenticated sockets from one address past the cap; authenticating frees a place", async () => {
    const owner = await rt.api.register();
    const pending = [];
    for (let i = 0; i < unauthenticatedPerIp; i++) pending.push(await open());
    const over = await open();
    expect(await over.closed).toEqual({
      code: realtimeCloseCodes.tooManyConnections,
      reason: "Too many unauthenticated realtime connections from this address",
    });

    const first = pending[0];
    first?.authenticate(owner.token);
    expect(await first?.subscribe(1)).toBe("started");
    const next = await open();
    next.authenticate(owner.token);
    expect(await next.subscribe(1)).toBe("started");
  });

  it("runs at most 10 subscriptions at once on one socket", async () => {
    const owner = await rt.api.register();
    const socket = await subscribed(owner.token);
    const outcomes = [];
    for (let id = 2; id <= 11; id++) outcomes.push(await socket.subscribe(id));
    expect(outcomes).toEqual([...Array(9).fill("started"), "TOO_MANY_REQUESTS"]);
  });
});
