import { type Encoder, jsonEncoder } from "@trpc/server/adapters/ws";

/** Per shared event, its frames as sent so far, by the connection's subscription id. */
const framesOf = new WeakMap<object, Map<string, string>>();

/**
 * Marks an event that many connections send as it is: its frame is serialized by the first connection that
 * sends it and reused by the others, instead of one `JSON.stringify` of the same event per connection.
 */
export function shareFrames<T extends object>(event: T): T {
  if (!framesOf.has(event)) framesOf.set(event, new Map());
  return event;
}

function keyCount(value: object): number {
  let count = 0;
  for (const _ in value) count += 1;
  return count;
}

/**
 * The frame of a tracked subscription result carrying a shared event, byte for byte what `JSON.stringify` makes
 * of tRPC's response `{ id, jsonrpc?, result: { type: "data", data: { id, data: event }, id } }`; undefined for
 * any other message.
 */
function sharedFrame(message: unknown): string | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const { id, jsonrpc, result } = message as { id?: unknown; jsonrpc?: unknown; result?: unknown };
  if (typeof id !== "number" && typeof id !== "string") return undefined;
  if (jsonrpc !== undefined && jsonrpc !== "2.0") return undefined;
  if (keyCount(message) !== ("jsonrpc" in message ? 3 : 2)) return undefined;
  if (typeof result !== "object" || result === null || keyCount(result) !== 3) return undefined;
  const { type, data: envelope, id: trackedId } = result as { type?: unknown; data?: unknown; id?: unknown };
  if (type !== "data" || typeof trackedId !== "string") return undefined;
  if (typeof envelope !== "object" || envelope === null || keyCount(envelope) !== 2) return undefined;
  const { id: envelopeId, data: event } = envelope as { id?: unknown; data?: unknown };
  if (envelopeId !== trackedId || typeof event !== "object" || event === null) return undefined;
  const frames = framesOf.get(event);
  if (!frames) return undefined;
  const key = `${typeof id}:${id}:${jsonrpc ?? ""}:${trackedId}`;
  let frame = frames.get(key);
  if (frame === undefined) {
    frame = JSON.stringify(message);
    frames.set(key, frame);
  }
  return frame;
}

/** tRPC's JSON encoder, with the frames of shared events serialized once. */
export const sharedFrameEncoder: Encoder = {
  encode: (message) => sharedFrame(message) ?? jsonEncoder.encode(message),
  decode: (data) => jsonEncoder.decode(data),
};
