import type { Socket } from "node:net";
import type WebSocket from "ws";

/**
 * Frames sent to one connection in the same turn of the event loop leave in one write. Without it, `ws` makes a
 * syscall per frame: fanning a burst of events out to a thousand connections spent most of the replica's time
 * in `writev` (bench/realtime). The socket is corked at its first frame of a turn and uncorked once the turn's
 * callbacks and promises have run, which is also when an idle connection's lone frame leaves.
 */
export function createWriteCoalescer() {
  const corked = new Set<Socket>();
  const flush = () => {
    const sockets = [...corked];
    corked.clear();
    for (const socket of sockets) socket.uncork();
  };

  /** Corks the socket until the end of this turn, unless it already is. */
  function hold(socket: Socket): void {
    if (corked.has(socket) || !socket.writable) return;
    if (corked.size === 0) setImmediate(flush);
    corked.add(socket);
    socket.cork();
  }

  function coalesceWrites(client: WebSocket): void {
    // ws keeps its net.Socket private; without one (a future ws), frames are simply sent one by one
    const socket = (client as unknown as { _socket?: Socket })._socket;
    if (!socket || typeof socket.cork !== "function") return;
    const send = client.send.bind(client) as (...args: unknown[]) => void;
    client.send = ((...args: unknown[]) => {
      hold(socket);
      send(...args);
    }) as WebSocket["send"];
  }

  return Object.assign(coalesceWrites, { hold });
}
