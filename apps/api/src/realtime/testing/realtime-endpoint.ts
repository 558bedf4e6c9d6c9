import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../../app";
import type { Container } from "../../container";
import { attachRealtimeServer } from "../ws-server";

/** The API of a test container on a port of its own with `/trpc-ws` attached, as main.ts serves it. */
export async function startRealtimeEndpoint(container: Container) {
  const server = serve({ fetch: createApp(container).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const realtime = attachRealtimeServer(server, container);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    realtime,
    async close() {
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
