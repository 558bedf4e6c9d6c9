import { describe, expect, it } from "vitest";
import { sharedDataFrame, sharedFrameBytesEncoder, sharedFrameEncoder, shareFrames } from "./shared-frames";

/** tRPC's response for a tracked subscription result, keys in the order its ws adapter builds them. */
const dataFrame = (subscriptionId: number | string, trackedId: string, event: object, jsonrpc?: "2.0") => ({
  id: subscriptionId,
  ...(jsonrpc ? { jsonrpc } : {}),
  result: { type: "data", data: { id: trackedId, data: event }, id: trackedId },
});

const event = () => ({
  type: "new_message",
  occurredAt: "2026-11-25T12:00:00.000Z",
  payload: { conversationId: "c1", text: 'Olá "mundo" \u2028', attachments: [] },
});

describe("sharedFrameEncoder", () => {
  it("writes exactly what JSON.stringify writes, for shared events and everything else", () => {
    const shared = shareFrames(event());
    const messages = [
      dataFrame(1, "1700000000000-0", shared),
      dataFrame("7", "1700000000000-0", shared, "2.0"),
      dataFrame(1, "1700000000000-0", event()),
      { id: 1, result: { type: "started" } },
      { id: null, error: { message: "nope", code: -32600 } },
      { ...dataFrame(1, "1700000000000-0", shared), extra: true },
    ];
    for (const message of messages) expect(sharedFrameEncoder.encode(message)).toBe(JSON.stringify(message));
  });

  it("serializes a shared event once for every connection with the same subscription id", () => {
    const shared = shareFrames(event());
    const first = sharedFrameEncoder.encode(dataFrame(1, "1700000000000-1", shared));
    // the event's contents are not read again: the frame already made is sent
    shared.payload.text = "changed";
    expect(sharedFrameEncoder.encode(dataFrame(1, "1700000000000-1", shared))).toBe(first);
    expect(sharedFrameEncoder.encode(dataFrame(2, "1700000000000-1", shared))).toContain('"changed"');
  });

  it("gives the bytes of what JSON.stringify writes, encoded once per shared frame", () => {
    const shared = shareFrames(event());
    const message = dataFrame(1, "1700000000000-2", shared);
    const bytes = sharedFrameBytesEncoder.encode(message);
    expect(Buffer.isBuffer(bytes) && bytes.toString("utf8")).toBe(JSON.stringify(message));
    expect(sharedFrameBytesEncoder.encode(dataFrame(1, "1700000000000-2", shared))).toBe(bytes);
    expect(sharedFrameEncoder.encode(message)).toBe(JSON.stringify(message));
    // anything else is the plain JSON text
    expect(sharedFrameBytesEncoder.encode({ id: 1, result: { type: "started" } })).toBe(
      '{"id":1,"result":{"type":"started"}}',
    );
  });

  it("gives the whole frame of a shared event's result without the message, the bytes of the same text", () => {
    const shared = shareFrames(event());
    for (const [subscriptionId, jsonrpc] of [
      [1, undefined],
      ["1", "2.0"],
    ] as const) {
      const message = dataFrame(subscriptionId, "1700000000000-3", shared, jsonrpc);
      const framed = sharedDataFrame(subscriptionId, jsonrpc, "1700000000000-3", shared);
      expect(framed?.payload.toString("utf8")).toBe(JSON.stringify(message));
      expect(framed?.frame.subarray(0, 2)).toEqual(Buffer.from([0x81, 126]));
      // the same frame as the encoder's, made once
      expect(sharedFrameBytesEncoder.encode(message)).toBe(framed?.payload);
      expect(sharedDataFrame(subscriptionId, jsonrpc, "1700000000000-3", shared)).toBe(framed);
    }
    expect(sharedDataFrame(1, undefined, "1700000000000-3", event())).toBeUndefined();
  });

  it("decodes like tRPC's JSON encoder", () => {
    expect(sharedFrameEncoder.decode('{"id":1,"method":"subscription.stop"}')).toEqual({
      id: 1,
      method: "subscription.stop",
    });
    expect(() => sharedFrameEncoder.decode(new Uint8Array([1]))).toThrow();
  });
});
