import type { Socket } from "node:net";
import type WebSocket from "ws";

/** A text message with its whole WebSocket frame as a server sends it (final, unmasked); `payload` is in `frame`. */
export interface FramedText {
  payload: Buffer;
  frame: Buffer;
}

/** The frame of a text message (RFC 6455 5.2): FIN and opcode 1, the payload length, no mask. */
export function framedText(payload: Buffer): FramedText {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  payload.copy(frame, headerLength);
  return { payload: frame.subarray(headerLength), frame };
}

/** What `ws` keeps private about a connection and its sender (ws 8). */
interface WsInternals {
  _isServer?: boolean;
  _extensions?: Record<string, unknown>;
  _socket?: Socket;
  _sender?: { _state?: number; _firstFragment?: boolean; _queue?: unknown[] };
}

/** ws's sender state when it has nothing of its own in progress (no compression, no blob being read). */
const senderIdle = 0;

/**
 * Writes whole frames of one server connection to its socket, past `ws`'s sender: a frame built once per event
 * is the same bytes for every connection, so each connection writes one buffer instead of `ws` framing the
 * payload again (a header allocated and two socket writes per frame and connection). Only for connections
 * without extensions (per-message deflate would compress per connection); undefined for any other, and the
 * writer answers false whenever the sender is busy or the connection is not open, so the caller sends the
 * payload through `ws` instead and the order of frames is kept. `hold` corks the socket for the turn
 * (`coalesce-writes.ts`), as `ws.send` does there.
 */
export function rawFrameWriter(
  client: WebSocket,
  hold?: (socket: Socket) => void,
): ((frame: Buffer) => boolean) | undefined {
  const internals = client as unknown as WsInternals;
  const { _socket: socket, _sender: sender, _extensions: extensions } = internals;
  if (internals._isServer !== true || !socket || !sender || !extensions) return undefined;
  if (Object.keys(extensions).length > 0 || typeof sender._state !== "number") return undefined;
  const open = client.OPEN;
  return (frame) => {
    if (client.readyState !== open || sender._state !== senderIdle || sender._firstFragment !== true)
      return false;
    if (sender._queue !== undefined && sender._queue.length > 0) return false;
    hold?.(socket);
    socket.write(frame);
    return true;
  };
}
