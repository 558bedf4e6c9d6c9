import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createWriteCoalescer } from "./coalesce-writes";

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server-side connection with the coalescer applied, its client, and what the client received. */
async function connection() {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  servers.push(wss);
  wss.on("connection", createWriteCoalescer());
  await new Promise((resolve) => wss.once("listening", resolve));
  const serverSide = new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on("message", (data: Buffer) => received.push(data.toString()));
  await new Promise((resolve) => client.once("open", resolve));
  const server = await serverSide;
  const socket = (server as unknown as { _socket: Socket })._socket;
  return { server, client, socket, received };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("write coalescing", () => {
  it("sends the frames of one turn in one write, in order", async () => {
    const { server, client, socket, received } = await connection();
    const writev = vi.spyOn(socket, "_writev");
    const write = vi.spyOn(socket, "_write");
    for (let i = 0; i < 5; i += 1) server.send(`frame ${i}`);
    await Promise.resolve().then(() => server.send("frame 5"));
    await until(() => received.length === 6);
    expect(received).toEqual(["frame 0", "frame 1", "frame 2", "frame 3", "frame 4", "frame 5"]);
    expect(writev.mock.calls.length + write.mock.calls.length).toBe(1);
    client.close();
  });

  it("sends a lone frame at the end of its turn, and frames of later turns in later writes", async () => {
    const { server, client, socket, received } = await connection();
    const writev = vi.spyOn(socket, "_writev");
    const write = vi.spyOn(socket, "_write");
    server.send("first");
    await until(() => received.length === 1);
    server.send("second");
    await until(() => received.length === 2);
    expect(received).toEqual(["first", "second"]);
    expect(writev.mock.calls.length + write.mock.calls.length).toBe(2);
    client.close();
  });
});
