import { type Encoder, jsonEncoder } from "@trpc/server/adapters/ws";
import { type FramedText, framedText } from "./text-frames";

/** One frame of a shared event, for one subscription id, JSON-RPC marker and tracked id. */
interface Frame {
  jsonrpc: unknown;
  trackedId: string;
  text: string;
  /** `text` as UTF-8 with its WebSocket frame, made when a connection first sends it as bytes. */
  framed: FramedText | undefined;
}

/** Per shared event, its frames as sent so far, by the connection's subscription id. */
const framesOf = new WeakMap<object, Map<number | string, Frame[]>>();

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

/** The frame of a shared event's data result (`message`, or tRPC's if not given); undefined if not shared. */
function frameOf(
  event: object,
  subscriptionId: number | string,
  jsonrpc: unknown,
  trackedId: string,
  message?: object,
): Frame | undefined {
  const byId = framesOf.get(event);
  if (!byId) return undefined;
  // a Map tells 1 from "1"; an event has one tracked id, so the list is one frame long in practice
  let frames = byId.get(subscriptionId);
  if (!frames) {
    frames = [];
    byId.set(subscriptionId, frames);
  }
  for (const frame of frames) if (frame.jsonrpc === jsonrpc && frame.trackedId === trackedId) return frame;
  const text = JSON.stringify(
    message ?? {
      id: subscriptionId,
      jsonrpc,
      result: { type: "data", data: { id: trackedId, data: event }, id: trackedId },
    },
  );
  const frame: Frame = { jsonrpc, trackedId, text, framed: undefined };
  frames.push(frame);
  return frame;
}

/**
 * The frame of a tracked subscription result carrying a shared event, byte for byte what `JSON.stringify` makes
 * of tRPC's response `{ id, jsonrpc?, result: { type: "data", data: { id, data: event }, id } }`; undefined for
 * any other message.
 */
function sharedFrame(message: unknown): Frame | undefined {
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
  return frameOf(event, id, jsonrpc, trackedId, message);
}

const framed = (frame: Frame): FramedText => {
  frame.framed ??= framedText(Buffer.from(frame.text, "utf8"));
  return frame.framed;
};

/** tRPC's JSON encoder, with the frames of shared events serialized once. */
export const sharedFrameEncoder: Encoder = {
  encode: (message) => sharedFrame(message)?.text ?? jsonEncoder.encode(message),
  decode: (data) => jsonEncoder.decode(data),
};

/**
 * The same, with the frames of shared events also encoded to UTF-8 once, for a sender that writes them as text
 * frames (`ws` would otherwise encode the same string again for every connection). Any other message is a string.
 */
export const sharedFrameBytesEncoder = {
  encode(message: unknown): string | Buffer {
    const frame = sharedFrame(message);
    return frame ? framed(frame).payload : (jsonEncoder.encode(message) as string);
  },
};

/**
 * The whole WebSocket frame of the tracked result `{ id, jsonrpc, result: { type: "data", data: { id: trackedId,
 * data: event }, id: trackedId } }` when `event` is shared (undefined otherwise): the same bytes
 * `sharedFrameBytesEncoder` gives for that message, without building the message for every connection.
 */
export function sharedDataFrame(
  subscriptionId: number | string,
  jsonrpc: "2.0" | undefined,
  trackedId: string,
  event: unknown,
): FramedText | undefined {
  if (typeof event !== "object" || event === null) return undefined;
  const frame = frameOf(event, subscriptionId, jsonrpc, trackedId);
  return frame && framed(frame);
}
