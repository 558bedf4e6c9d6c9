import type { AnyRouter } from "@trpc/server";
import {
  callProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  TRPCError,
} from "@trpc/server/unstable-core-do-not-import";
import type WebSocket from "ws";
import { type ReadyResults, readyResultsOf } from "./ready-results";
import type { FramedText } from "./text-frames";
import type { TurnBudget } from "./turn-budget";

type MessageListener = (data: WebSocket.RawData, isBinary: boolean) => void;

interface SubscriptionRequest {
  id: number | string;
  jsonrpc?: "2.0";
  method: "subscription";
  params: { path: string; input?: unknown; lastEventId?: string };
}

export interface DirectSubscriptionOptions<TContext> {
  router: AnyRouter;
  /** The subscription taken over; every other message goes to tRPC's handler unchanged. */
  path: string;
  /** JSON text of each message, as a string or already as UTF-8 bytes: both leave as text frames. */
  encoder: { encode(message: unknown): string | Buffer };
  /**
   * The whole frame of a tracked data result whose event is shared by many connections (`shared-frames.ts`), or
   * undefined to build and encode the message as any other.
   */
  sharedData?(
    subscriptionId: number | string,
    jsonrpc: "2.0" | undefined,
    trackedId: string,
    data: unknown,
  ): FramedText | undefined;
  /** A connection's writer of whole frames past `ws`'s sender (`text-frames.ts`); false: send through `ws`. */
  frameWriter?(client: WebSocket): ((frame: Buffer) => boolean) | undefined;
  /** Spreads the data frames of many connections over turns of the event loop; without it, all leave at once. */
  budget?: Pick<TurnBudget, "take" | "turn">;
  /** Subscriptions one connection may run at once; a request past it is answered TOO_MANY_REQUESTS. */
  maxRunning?: number;
  /** The context tRPC's handler created for this connection, once it has asked for one. */
  contextOf(client: WebSocket): Promise<TContext> | undefined;
  onError(opts: { error: TRPCError; path: string; ctx: TContext }): void;
}

function subscriptionRequest(text: string, path: string): SubscriptionRequest | undefined {
  if (!text.includes(path)) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== "object" || message === null || Array.isArray(message)) return undefined;
  const { id, method, params, jsonrpc } = message as Partial<SubscriptionRequest>;
  if (method !== "subscription" || (typeof id !== "number" && typeof id !== "string")) return undefined;
  if (jsonrpc !== undefined && jsonrpc !== "2.0") return undefined;
  if (typeof params !== "object" || params === null || params.path !== path) return undefined;
  if (params.lastEventId !== undefined && typeof params.lastEventId !== "string") return undefined;
  return message as SubscriptionRequest;
}

function stopRequestId(text: string): number | string | undefined {
  if (!text.includes('"subscription.stop"')) return undefined;
  try {
    const message = JSON.parse(text) as { id?: unknown; method?: unknown };
    const { id, method } = message;
    return method === "subscription.stop" && (typeof id === "number" || typeof id === "string")
      ? id
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one subscription procedure of a connection without tRPC's per-result loop (a promise race, a
 * response object copied twice and a `JSON.stringify` per result and per connection), which was most of the
 * replica's time when fanning events out to many connections (bench/realtime). The procedure is still called
 * through tRPC (its middlewares and input parser), and the frames are byte for byte those tRPC sends:
 * `started`, one `data` per result, `stopped`, or an error. A request it cannot take (no context yet, a batch,
 * a failing call) goes to tRPC's own handler, which answers it as before.
 */
export function directSubscriptions<TContext>(options: DirectSubscriptionOptions<TContext>) {
  const { router, path, encoder } = options;

  return function attach(client: WebSocket): void {
    const running = new Map<number | string, AbortController>();
    const send = (message: unknown) => client.send(encoder.encode(message), { binary: false });
    let writeFrame: ((frame: Buffer) => boolean) | undefined | null = null;
    const sendFramed = (framed: FramedText) => {
      // the writer is made at the first frame: the coalescer and keep-alive have wrapped the connection by then
      if (writeFrame === null) writeFrame = options.frameWriter?.(client);
      if (!writeFrame?.(framed.frame)) client.send(framed.payload, { binary: false });
    };

    /** Subscriptions of this connection started or starting: `running` holds them only once started. */
    let active = 0;

    async function run(request: SubscriptionRequest, context: Promise<TContext>, pass: () => void) {
      const max = options.maxRunning;
      if (max !== undefined && active >= max) {
        let ctx: TContext;
        try {
          ctx = await context;
        } catch {
          return pass();
        }
        const message = `At most ${max} subscriptions may run at once on one connection`;
        return fail(
          request,
          new TRPCError({ code: "TOO_MANY_REQUESTS", message }),
          ctx,
          request.params.input,
        );
      }
      active += 1;
      try {
        await runOne(request, context, pass);
      } finally {
        active -= 1;
      }
    }

    async function runOne(request: SubscriptionRequest, context: Promise<TContext>, pass: () => void) {
      const { id, jsonrpc, params } = request;
      let ctx: TContext;
      try {
        ctx = await context;
      } catch {
        return pass();
      }
      let input = params.input;
      if (params.lastEventId !== undefined) {
        input =
          typeof input === "object" && input !== null
            ? { ...input, lastEventId: params.lastEventId }
            : (input ?? { lastEventId: params.lastEventId });
      }
      const abort = new AbortController();
      let iterable: unknown;
      try {
        iterable = await callProcedure({
          router,
          path,
          getRawInput: async () => input,
          ctx,
          type: "subscription",
          signal: abort.signal,
          batchIndex: 0,
        });
      } catch {
        return pass();
      }
      const iterator =
        typeof iterable === "object" && iterable !== null && Symbol.asyncIterator in iterable
          ? (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator]()
          : undefined;
      if (!iterator || client.readyState !== client.OPEN) {
        await (iterator?.return?.() as Promise<unknown> | undefined);
        return pass();
      }
      if (running.has(id)) {
        await iterator.return?.();
        const error = new TRPCError({ message: `Duplicate id ${id}`, code: "BAD_REQUEST" });
        return fail(request, error, ctx, input);
      }
      running.set(id, abort);
      // read per frame: a plain flag costs less than AbortSignal's checked getter
      let stopped = false;
      abort.signal.addEventListener("abort", () => {
        stopped = true;
      });
      const { budget, sharedData } = options;
      /** The budget's turn this subscription was let through in: it writes all it has ready in that turn. */
      let grantedTurn = -1;
      send({ id, jsonrpc, result: { type: "started" } });
      const write = (value: unknown) => {
        if (isTrackedEnvelope(value)) {
          const [trackedId, data] = value;
          const framed = sharedData?.(id, jsonrpc, trackedId, data);
          if (framed) sendFramed(framed);
          else send({ id, jsonrpc, result: { type: "data", data: { id: trackedId, data }, id: trackedId } });
        } else {
          send({ id, jsonrpc, result: { type: "data", data: value } });
        }
      };
      /**
       * Writes what the stream has ready whenever it says so, in this connection's turn: no promise per result.
       * A result taken before the turn came is held until it does.
       */
      const writeReady = (results: ReadyResults<unknown>) =>
        new Promise<void>((resolve, reject) => {
          let done = false;
          let held: unknown;
          let waiting = false;
          const end = (error?: unknown) => {
            done = true;
            if (error === undefined) resolve();
            else reject(error);
          };
          const drain = () => {
            if (done || waiting) return;
            try {
              for (;;) {
                if (stopped) return end();
                const value = held !== undefined ? held : results.poll();
                held = undefined;
                if (value === undefined) {
                  if (results.ended()) end();
                  return;
                }
                if (budget && grantedTurn !== budget.turn()) {
                  const wait = budget.take();
                  if (wait) {
                    held = value;
                    waiting = true;
                    void wait.then(() => {
                      waiting = false;
                      grantedTurn = budget.turn();
                      drain();
                    });
                    return;
                  }
                  grantedTurn = budget.turn();
                }
                write(value);
              }
            } catch (cause) {
              end(cause ?? new Error("realtime stream failed"));
            }
          };
          results.onReady(drain);
          abort.signal.addEventListener("abort", drain);
          drain();
        });
      try {
        const results = readyResultsOf(iterator);
        if (results) await writeReady(results);
        else
          for (;;) {
            const next = await iterator.next();
            if (stopped || next.done) break;
            if (budget && grantedTurn !== budget.turn()) {
              const wait = budget.take();
              if (wait) {
                await wait;
                if (stopped) break;
              }
              grantedTurn = budget.turn();
            }
            write(next.value);
          }
      } catch (cause) {
        fail(request, getTRPCErrorFromUnknown(cause), ctx, input);
      }
      try {
        await iterator.return?.();
        send({ id, jsonrpc, result: { type: "stopped" } });
      } catch (cause) {
        fail(request, getTRPCErrorFromUnknown(cause), ctx, input);
      } finally {
        running.delete(id);
        abort.abort();
      }
    }

    function fail(request: SubscriptionRequest, error: TRPCError, ctx: TContext, input: unknown): void {
      options.onError({ error, path, ctx });
      const shape = getErrorShape({
        config: router._def._config,
        error,
        type: "subscription",
        path,
        input,
        ctx,
      });
      send({ id: request.id, jsonrpc: request.jsonrpc, error: shape });
    }

    const on = client.on.bind(client) as (event: string, listener: (...args: never[]) => void) => WebSocket;
    client.on = ((event: string, listener: (...args: never[]) => void) => {
      if (event !== "message") return on(event, listener);
      const trpcListener = listener as unknown as MessageListener;
      return on("message", ((data: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary || !Buffer.isBuffer(data)) return trpcListener(data, isBinary);
        const text = data.toString("utf8");
        const stopId = stopRequestId(text);
        if (stopId !== undefined && running.has(stopId)) {
          running.get(stopId)?.abort();
          return;
        }
        const request = subscriptionRequest(text, path);
        const context = request && options.contextOf(client);
        if (!request || !context) return trpcListener(data, isBinary);
        void run(request, context, () => trpcListener(data, isBinary));
      }) as never);
    }) as WebSocket["on"];
    client.once("close", () => {
      for (const abort of running.values()) abort.abort();
    });
  };
}
