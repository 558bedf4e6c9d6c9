import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/v21.0/1234/messages". */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

export interface FakeResponse {
  status?: number;
  json?: unknown;
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/** The failures each fake can be switched to, answered in its provider's own format. */
export type FakeFailure = 401 | 429 | 500;

export interface FakeProvider {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Every request received, oldest first (webhook deliveries the fake makes are not in it). */
  requests: RecordedRequest[];
  /** The next `times` requests fail with this status, in the provider's format. */
  failNext(failure: FakeFailure, times?: number): void;
  /** Every request fails until `recover()`. */
  failAlways(failure: FakeFailure): void;
  /**
   * The next `times` requests are handled (a send goes through) but never answered: their connections stay
   * open until `close()`, as when the provider's answer is lost after it took the request.
   */
  hangNext(times?: number): void;
  /** The next `times` requests are handled, then their connections are cut without an answer. */
  cutNext(times?: number): void;
  /** The next `times` requests get a 502 with no body of the provider's own, as a proxy in front of it answers. */
  badGatewayNext(times?: number): void;
  /**
   * The next `times` requests are handled (a refund is made), then answered with the provider's own 500, as a
   * provider failing after it did the work answers (Stripe documents its 500s as indeterminate).
   */
  serverErrorAfterHandlingNext(times?: number): void;
  /** Clears every failure, hang, cut and bad gateway still due. */
  recover(): void;
  /**
   * Nothing listens on the port any more, so connections are refused, until `listenAgain()`. Open connections
   * are closed first (a WebSocket's too must be, or this waits for it).
   */
  stopListening(): Promise<void>;
  listenAgain(): Promise<void>;
  close(): Promise<void>;
}

export interface FakeServerSetup {
  route(request: RecordedRequest): FakeResponse | undefined;
  failure(failure: FakeFailure): FakeResponse;
  notFound(request: RecordedRequest): FakeResponse;
}

async function record(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  const url = new URL(request.url ?? "/", "http://fake");
  let json: unknown;
  try {
    json = body === "" ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: request.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    json,
  };
}

/** A provider's HTTP API on a loopback port: records requests, answers through `setup`, fails when told. */
export async function startFakeServer(setup: FakeServerSetup): Promise<FakeProvider & { server: Server }> {
  const requests: RecordedRequest[] = [];
  let pending: { failure: FakeFailure; times: number } | undefined;
  let trouble: { kind: "hang" | "cut" | "bad-gateway" | "server-error"; times: number } | undefined;

  const server = createServer((incoming, outgoing) => {
    void record(incoming).then((request) => {
      requests.push(request);
      if (trouble && trouble.times > 0) {
        trouble.times -= 1;
        if (trouble.kind === "bad-gateway") {
          outgoing
            .writeHead(502, { "content-type": "text/html" })
            .end("<html><h1>502 Bad Gateway</h1></html>");
          return;
        }
        setup.route(request);
        if (trouble.kind === "server-error") {
          respond(setup.failure(500));
          return;
        }
        if (trouble.kind === "cut") outgoing.destroy();
        return;
      }
      let response: FakeResponse;
      if (pending && pending.times > 0) {
        pending.times -= 1;
        response = setup.failure(pending.failure);
      } else {
        response = setup.route(request) ?? setup.notFound(request);
      }
      respond(response);
    });
    function respond(response: FakeResponse) {
      const status = response.status ?? 200;
      const headers: Record<string, string> = { ...response.headers };
      if (response.bytes) {
        headers["content-type"] = response.contentType ?? "application/octet-stream";
        outgoing.writeHead(status, headers).end(response.bytes);
      } else {
        headers["content-type"] = response.contentType ?? "application/json; charset=utf-8";
        outgoing
          .writeHead(status, headers)
          .end(response.json === undefined ? "" : JSON.stringify(response.json));
      }
    }
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;

  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    requests,
    failNext(failure, times = 1) {
      pending = { failure, times };
    },
    failAlways(failure) {
      pending = { failure, times: Number.POSITIVE_INFINITY };
    },
    hangNext(times = 1) {
      trouble = { kind: "hang", times };
    },
    cutNext(times = 1) {
      trouble = { kind: "cut", times };
    },
    badGatewayNext(times = 1) {
      trouble = { kind: "bad-gateway", times };
    },
    serverErrorAfterHandlingNext(times = 1) {
      trouble = { kind: "server-error", times };
    },
    recover() {
      pending = undefined;
      trouble = undefined;
    },
    async stopListening() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // a turn of the event loop, for the clients to see their kept-alive connections closed
      await new Promise((resolve) => setImmediate(resolve));
    },
    listenAgain: () => listen(port),
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The bearer token of a request, if any. */
export const bearerOf = (request: RecordedRequest, scheme = "Bearer"): string | undefined => {
  const value = request.headers.authorization;
  return value?.startsWith(`${scheme} `) ? value.slice(scheme.length + 1) : undefined;
};

/** A body and headers to POST to a webhook endpoint. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

export const bodyOf = (payload: unknown): string =>
  typeof payload === "string" ? payload : JSON.stringify(payload);

/** POSTs a built webhook to a URL (e.g. `${api.baseUrl}/webhooks/telegram/<id>`). */
export const postWebhook = (url: string, webhook: SignedWebhook): Promise<Response> =>
  fetch(url, { method: "POST", headers: webhook.headers, body: webhook.body });

let counter = 0;
/** Unique enough ids for fakes: a prefix, the time and a counter. */
export const fakeId = (prefix = ""): string => {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36).padStart(4, "0")}`;
};
