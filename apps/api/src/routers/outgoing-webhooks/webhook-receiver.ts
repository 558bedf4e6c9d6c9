import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: {
    id: string;
    type: string;
    occurredAt: string;
    organizationId: string;
    data: Record<string, unknown>;
  };
}

/** Whether a request carries the signature of `secret` over "<timestamp>.<raw body>", as integrators check it. */
export function hasValidSignature(received: ReceivedWebhook, secret: string): boolean {
  const timestamp = String(received.headers["x-crm-timestamp"] ?? "");
  const signature = String(received.headers["x-crm-signature"] ?? "");
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${received.rawBody}`).digest("hex")}`;
  return (
    signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

/**
 * An integrator's endpoint over real HTTP on a loopback port. Each path answers the statuses it was told, in
 * turn (the last one for ever); unknown paths answer 200.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, rawBody, body: JSON.parse(rawBody) });
      const script = scripts.get(path) ?? [];
      const status = (script.length > 1 ? script.shift() : script[0]) ?? 200;
      if (status >= 300 && status < 400) response.setHeader("location", `${path}-redirected`);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    /** The statuses `path` answers, in turn; the last one repeats. */
    answer(path: string, statuses: number[]) {
      scripts.set(path, [...statuses]);
    },
    at: (path: string) => received.filter((request) => request.path === path),
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
