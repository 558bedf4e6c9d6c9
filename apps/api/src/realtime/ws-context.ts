import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { CreateWSSContextFnOptions } from "@trpc/server/adapters/ws";
import type { Container } from "../container";
import { forwardedClient } from "../http/forwarded-for";
import { type Context, createContext } from "../trpc/context";

const forwardedHeaders = ["cookie", "user-agent", "origin"] as const;

function clientIp(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? forwardedClient(req.headers["x-forwarded-for"]) : undefined;
  return forwarded ?? req.socket.remoteAddress;
}

/** The request a WebSocket connection began with, as the HTTP context code expects it. */
export function upgradeRequestInfo(req: IncomingMessage, trustProxy: boolean) {
  const forwardedProto = trustProxy ? req.headers["x-forwarded-proto"] : undefined;
  const protocol = typeof forwardedProto === "string" && forwardedProto === "https" ? "https" : "http";
  return {
    url: `${protocol}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`,
    ip: clientIp(req, trustProxy),
  };
}

/**
 * The same authentication as HTTP: the session cookie of the upgrade request, or `connectionParams.token`
 * (a session token or an API key) sent by the client as its first message. A connection that proves nothing
 * gets a context without an actor: every procedure that needs one answers UNAUTHORIZED. The actor is read once
 * here, so only subscriptions are served over the socket, and each re-reads it when it starts.
 */
export function createWsContextFactory(container: Container) {
  return async ({ req, info }: CreateWSSContextFnOptions): Promise<Context> => {
    const headers = new Headers();
    for (const name of forwardedHeaders) {
      const value = req.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    const token = info.connectionParams?.token;
    if (typeof token === "string" && token.trim() !== "")
      headers.set("authorization", `Bearer ${token.trim()}`);
    const { url, ip } = upgradeRequestInfo(req, container.env.trustProxy);
    // a WebSocket cannot set cookies after its handshake: session renewal happens over HTTP
    const context = await createContext(container, { url, headers, ip, requestId: randomUUID() }, () => {});
    return { ...context, transport: "websocket" };
  };
}
