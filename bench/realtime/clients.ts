import WebSocket from "ws";

/**
 * A WebSocket client of `realtime.events` speaking tRPC's wire protocol directly (what wsLink sends), so
 * a thousand of them fit in the benchmark's process. `onFrame` sees every data frame; parsing is left to it.
 */
export function openRealtimeClient(
  wsUrl: string,
  token: string,
  onFrame: (text: string) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/trpc-ws?connectionParams=1`);
    socket.on("open", () => {
      socket.send(JSON.stringify({ method: "connectionParams", data: { token } }));
      socket.send(
        JSON.stringify({ id: 1, method: "subscription", params: { path: "realtime.events", input: {} } }),
      );
    });
    socket.on("message", (data: Buffer) => {
      const text = data.toString();
      if (text === "PING") {
        socket.send("PONG");
        return;
      }
      if (text.includes('"type":"started"')) {
        resolve(socket);
        return;
      }
      if (text.includes('"error"')) reject(new Error(`subscription failed: ${text}`));
      onFrame(text);
    });
    socket.on("error", reject);
  });
}

/** A plain client of the bare broadcast server. */
export function openBareClient(url: string, onFrame: (text: string) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on("open", () => resolve(socket));
    socket.on("message", (data: Buffer) => onFrame(data.toString()));
    socket.on("error", reject);
  });
}

/** Opens `count` connections, `parallel` at a time. */
export async function openMany<T>(
  count: number,
  parallel: number,
  open: (index: number) => Promise<T>,
): Promise<T[]> {
  const opened: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      opened[index] = await open(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return opened;
}
