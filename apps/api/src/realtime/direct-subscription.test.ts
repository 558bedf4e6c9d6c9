import type { AddressInfo } from "node:net";
import { initTRPC, TRPCError, tracked } from "@trpc/server";
import { applyWSSHandler, jsonEncoder } from "@trpc/server/adapters/ws";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { createWriteCoalescer } from "./coalesce-writes";
import { directSubscriptions } from "./direct-subscription";
import { type ReadyResults, readyResults } from "./ready-results";
import { sharedDataFrame, shareFrames } from "./shared-frames";
import { rawFrameWriter } from "./text-frames";
import { createTurnBudget } from "./turn-budget";

interface Ctx {
  signedIn: boolean;
}
// not in development mode: an error frame carries no stack trace, which names the caller
const t = initTRPC.context<Ctx>().create({ isDev: false });
const signedIn = t.procedure.use(({ ctx, next }) => {
  if (!ctx.signedIn) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next();
});
/**
 * A stream that offers its results through `readyResults` as well as by iteration: two ready at once, a third
 * one a few milliseconds later, then the end.
 */
let polled = 0;
function readyStream(values: unknown[]) {
  let available = Math.min(2, values.length);
  let index = 0;
  let listener: (() => void) | undefined;
  const results: ReadyResults<unknown> = {
    poll: () => {
      polled += 1;
      return index < available ? values[index++] : undefined;
    },
    ended: () => index === values.length,
    onReady: (callback) => {
      listener = callback;
    },
  };
  setTimeout(() => {
    available = values.length;
    listener?.();
  }, 5);
  return {
    [readyResults]: results,
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<unknown>> {
      while (index === available && index < values.length)
        await new Promise((resolve) => setTimeout(resolve, 1));
      return index < values.length
        ? { value: values[index++], done: false }
        : { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<unknown>> {
      index = values.length;
      return { value: undefined, done: true };
    },
  };
}

const router = t.router({
  events: signedIn
    .input((value: unknown) => value)
    .subscription(async function* ({ input }) {
      yield tracked("1-0", { type: "first", input });
      yield { untracked: true };
      // shared: with whole frames, written past ws's sender
      yield tracked("2-0", shareFrames({ type: "second", text: 'quote " and \u2028' }));
      yield tracked("3-0", shareFrames({ type: "third", text: "x".repeat(200) }));
    }),
  ready: signedIn.subscription(() =>
    readyStream([
      tracked("1-0", shareFrames({ type: "first" })),
      { untracked: true },
      tracked("2-0", shareFrames({ type: "later", text: "y".repeat(130) })),
    ]),
  ),
  endless: signedIn.subscription(async function* ({ signal }) {
    yield tracked("1-0", { type: "first" });
    await new Promise((resolve) => signal?.addEventListener("abort", resolve));
  }),
  failing: signedIn.subscription(async function* () {
    yield tracked("1-0", { type: "first" });
    throw new TRPCError({ code: "BAD_REQUEST", message: "no more" });
  }),
});

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((wss) => new Promise((resolve) => wss.close(resolve))));
});

/**
 * A server with tRPC's handler alone, or with the procedures taken over ("framed": shared events leave as whole
 * frames written to the socket, counted in `framedWrites`); returns its URL.
 */
async function serve(
  direct: boolean | "framed",
  signedInCtx: boolean,
  encoded: string[],
  framedWrites: Buffer[] = [],
): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  servers.push(wss);
  const contexts = new WeakMap<WebSocket, Promise<Ctx>>();
  const coalesceWrites = createWriteCoalescer();
  if (direct === "framed") wss.on("connection", coalesceWrites);
  if (direct) {
    // one subscription writes per turn of the event loop: a second one waits for the next turn
    const budget = createTurnBudget(1);
    for (const path of ["events", "ready", "endless", "failing"]) {
      const attach = directSubscriptions<Ctx>({
        router,
        path,
        // as bytes, as the replica sends shared frames: they must still leave as text frames
        encoder: {
          encode: (message) => {
            const frame = jsonEncoder.encode(message) as string;
            encoded.push(frame);
            return Buffer.from(frame, "utf8");
          },
        },
        budget,
        ...(direct === "framed"
          ? {
              sharedData: sharedDataFrame,
              frameWriter: (client: WebSocket) => {
                const write = rawFrameWriter(client, coalesceWrites.hold);
                return (
                  write &&
                  ((frame: Buffer) => {
                    framedWrites.push(frame);
                    return write(frame);
                  })
                );
              },
            }
          : {}),
        contextOf: (client) => contexts.get(client),
        onError: () => {},
      });
      wss.on("connection", (client: WebSocket) => attach(client));
    }
  }
  applyWSSHandler({
    wss,
    router,
    createContext: ({ res }) => {
      const context = Promise.resolve({ signedIn: signedInCtx });
      contexts.set(res, context);
      return context;
    },
  });
  await new Promise((resolve) => wss.once("listening", resolve));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

/** The frames a client receives for its requests, until `count` of them arrived. */
async function frames(url: string, requests: unknown[], count: number): Promise<string[]> {
  const client = new WebSocket(url);
  const received: string[] = [];
  await new Promise<void>((resolve, reject) => {
    client.on("open", () => {
      for (const request of requests) client.send(JSON.stringify(request));
    });
    client.on("message", (data, isBinary) => {
      received.push(isBinary ? `binary frame: ${data.toString()}` : data.toString());
      if (received.length === count) resolve();
    });
    client.on("error", reject);
  });
  client.close();
  return received;
}

const subscribe = (id: number | string, path: string, extra: Record<string, unknown> = {}) => ({
  id,
  method: "subscription",
  params: { path, input: { page: 1 }, ...extra },
});

describe("directSubscriptions", () => {
  it("sends the frames tRPC sends: started, tracked and untracked data, stopped", async () => {
    const requests = [subscribe(1, "events", { lastEventId: "0-1" })];
    const viaTrpc = await frames(await serve(false, true, []), requests, 6);
    const encoded: string[] = [];
    const direct = await frames(await serve(true, true, encoded), requests, 6);
    expect(direct).toEqual(viaTrpc);
    expect(encoded).toEqual(viaTrpc);
    expect(JSON.parse(viaTrpc[1] ?? "")).toMatchObject({
      result: { data: { id: "1-0", data: { input: { page: 1, lastEventId: "0-1" } } } },
    });
  });

  it("sends the same frames when subscriptions wait for their turn to write", async () => {
    const requests = [subscribe(1, "events"), subscribe(2, "events")];
    const viaTrpc = await frames(await serve(false, true, []), requests, 12);
    const encoded: string[] = [];
    const direct = await frames(await serve(true, true, encoded), requests, 12);
    // the two subscriptions interleave differently: the same frames, and each subscription's in order
    expect([...direct].sort()).toEqual([...viaTrpc].sort());
    const of = (list: string[], id: number) => list.filter((frame) => JSON.parse(frame).id === id);
    for (const id of [1, 2]) expect(of(direct, id)).toEqual(of(viaTrpc, id));
  });

  it("sends shared events as whole frames written to the socket, the same frames tRPC sends", async () => {
    const requests = [subscribe(1, "events"), { ...subscribe("2", "events"), jsonrpc: "2.0" }];
    const viaTrpc = await frames(await serve(false, true, []), requests, 12);
    const encoded: string[] = [];
    const framedWrites: Buffer[] = [];
    const direct = await frames(await serve("framed", true, encoded, framedWrites), requests, 12);
    expect([...direct].sort()).toEqual([...viaTrpc].sort());
    const of = (list: string[], id: number | string) => list.filter((frame) => JSON.parse(frame).id === id);
    for (const id of [1, "2"]) expect(of(direct, id)).toEqual(of(viaTrpc, id));
    // the two shared events of each subscription, the second one with a 16-bit length
    expect(framedWrites).toHaveLength(4);
    expect(framedWrites.map((frame) => frame[1])).toEqual(expect.arrayContaining([126]));
    // the others went through ws
    expect(encoded).toHaveLength(8);
  });

  it("writes what a stream offers through readyResults, the frames tRPC sends by iterating it", async () => {
    const requests = [subscribe(1, "ready"), subscribe(2, "ready"), subscribe(3, "ready")];
    const viaTrpc = await frames(await serve(false, true, []), requests, 15);
    expect(polled).toBe(0);
    const encoded: string[] = [];
    const framedWrites: Buffer[] = [];
    const direct = await frames(await serve("framed", true, encoded, framedWrites), requests, 15);
    const of = (list: string[], id: number) => list.filter((frame) => JSON.parse(frame).id === id);
    for (const id of [1, 2, 3]) {
      expect(of(direct, id)).toEqual(of(viaTrpc, id));
      expect(of(direct, id).map((frame) => JSON.parse(frame).result.type)).toEqual([
        "started",
        "data",
        "data",
        "data",
        "stopped",
      ]);
    }
    expect(framedWrites).toHaveLength(6);
    // taken by polling, not by iterating
    expect(polled).toBeGreaterThanOrEqual(9);
  });

  it("sends the error tRPC sends when the procedure fails while running", async () => {
    const requests = [{ ...subscribe(3, "failing"), jsonrpc: "2.0" }];
    const viaTrpc = await frames(await serve(false, true, []), requests, 4);
    const encoded: string[] = [];
    const direct = await frames(await serve(true, true, encoded), requests, 4);
    expect(direct).toEqual(viaTrpc);
    expect(encoded).toEqual(viaTrpc);
    expect(JSON.parse(viaTrpc[2] ?? "")).toMatchObject({ id: 3, error: { data: { code: "BAD_REQUEST" } } });
  });

  it("stops on the client's subscription.stop as tRPC does", async () => {
    const run = async (direct: boolean, encoded: string[]) => {
      const client = new WebSocket(await serve(direct, true, encoded));
      const received: string[] = [];
      await new Promise<void>((resolve, reject) => {
        client.on("open", () => client.send(JSON.stringify(subscribe(5, "endless"))));
        client.on("message", (data) => {
          received.push(data.toString());
          if (received.length === 2) client.send(JSON.stringify({ id: 5, method: "subscription.stop" }));
          if (received.length === 3) resolve();
        });
        client.on("error", reject);
      });
      client.close();
      return received;
    };
    const viaTrpc = await run(false, []);
    const encoded: string[] = [];
    expect(await run(true, encoded)).toEqual(viaTrpc);
    expect(encoded).toEqual(viaTrpc);
    expect(JSON.parse(viaTrpc[2] ?? "")).toEqual({ id: 5, result: { type: "stopped" } });
  });

  it("leaves a request its procedure refuses to tRPC, which answers it", async () => {
    const requests = [subscribe(1, "events")];
    const viaTrpc = await frames(await serve(false, false, []), requests, 1);
    const encoded: string[] = [];
    const direct = await frames(await serve(true, false, encoded), requests, 1);
    expect(direct).toEqual(viaTrpc);
    expect(encoded).toEqual([]);
    expect(JSON.parse(viaTrpc[0] ?? "")).toMatchObject({ id: 1, error: { data: { code: "UNAUTHORIZED" } } });
  });
});
