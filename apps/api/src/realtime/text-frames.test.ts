import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createWriteCoalescer } from "./coalesce-writes";
import { framedText, rawFrameWriter } from "./text-frames";

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server-side connection, its client and what the client received (text frames as text). */
async function connection(perMessageDeflate: boolean) {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate });
  servers.push(wss);
  await new Promise((resolve) => wss.once("listening", resolve));
  const serverSide = new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on("message", (data: Buffer, isBinary) => received.push(`${isBinary ? "binary " : ""}${data}`));
  await new Promise((resolve) => client.once("open", resolve));
  return { server: await serverSide, client, received };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("framedText", () => {
  it("is the bytes ws writes for a text message from a server, for every length encoding", async () => {
    const { server, client } = await connection(false);
    const socket = (server as unknown as { _socket: Socket })._socket;
    const write = vi.spyOn(socket, "write");
    for (const length of [0, 1, 125, 126, 200, 65_535, 65_536, 70_000]) {
      const payload = Buffer.alloc(length, "x");
      write.mockClear();
      server.send(payload, { binary: false });
      const written = Buffer.concat(write.mock.calls.map(([chunk]) => chunk as Buffer));
      const { frame, payload: inFrame } = framedText(payload);
      expect(frame.equals(written)).toBe(true);
      expect(inFrame.equals(payload)).toBe(true);
      expect(inFrame.buffer).toBe(frame.buffer);
    }
    client.close();
  });
});

describe("rawFrameWriter", () => {
  it("writes whole frames that the client reads as text, in order with frames sent through ws", async () => {
    const { server, client, received } = await connection(false);
    const coalescer = createWriteCoalescer();
    coalescer(server);
    const write = rawFrameWriter(server, coalescer.hold);
    expect(write).toBeDefined();
    server.send("through ws");
    expect(write?.(framedText(Buffer.from('{"text":"Olá"}')).frame)).toBe(true);
    server.send("through ws again");
    expect(write?.(framedText(Buffer.alloc(300, "a")).frame)).toBe(true);
    await until(() => received.length === 4);
    expect(received).toEqual(["through ws", '{"text":"Olá"}', "through ws again", "a".repeat(300)]);
    client.close();
  });

  it("refuses connections with per-message deflate, and closed connections", async () => {
    const deflating = await connection(true);
    expect(deflating.server.extensions).toContain("permessage-deflate");
    expect(rawFrameWriter(deflating.server)).toBeUndefined();
    deflating.client.close();

    const { server, client } = await connection(false);
    const write = rawFrameWriter(server);
    server.close();
    expect(write?.(framedText(Buffer.from("late")).frame)).toBe(false);
    client.close();
  });
});
