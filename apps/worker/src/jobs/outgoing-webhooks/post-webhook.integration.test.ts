import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookSender, publicOnlyLookup } from "./post-webhook";

/* The sender against a real local HTTP server: what it refuses never reaches the server. */

const hits: string[] = [];
const server = createServer((request, response) => {
  hits.push(request.url ?? "");
  if (request.url === "/redirect") response.writeHead(302, { location: "/target" }).end();
  else response.writeHead(204).end();
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (url: string, allowPrivate = false) =>
  createWebhookSender({ allowHttp: true, allowPrivate }).post({ url, body: "{}", headers: {} });

describe("webhook sender", () => {
  it("refuses loopback and private addresses, literal or resolved from a host name", async () => {
    for (const host of ["127.0.0.1", "[::1]", "localhost", "10.0.0.1", "169.254.169.254"]) {
      const result = await post(`http://${host}:${port}/private`);
      expect(result, host).toMatchObject({ kind: "error", error: expect.stringMatching(/private address/) });
    }
    expect(hits).not.toContain("/private");
  });

  it("reaches a private address only when allowed", async () => {
    expect(await post(`http://127.0.0.1:${port}/allowed`, true)).toEqual({ kind: "answered", status: 204 });
    expect(await post(`http://localhost:${port}/allowed`, true)).toEqual({ kind: "answered", status: 204 });
    expect(hits.filter((hit) => hit === "/allowed")).toHaveLength(2);
  });

  it("does not follow a redirect: the 3xx is the answer", async () => {
    expect(await post(`http://127.0.0.1:${port}/redirect`, true)).toEqual({ kind: "answered", status: 302 });
    expect(hits).not.toContain("/target");
  });

  it("refuses http unless allowed", async () => {
    const sender = createWebhookSender({ allowHttp: false, allowPrivate: true });
    const result = await sender.post({ url: `http://127.0.0.1:${port}/plain`, body: "{}", headers: {} });
    expect(result).toEqual({ kind: "error", error: "Only https URLs are allowed" });
    expect(hits).not.toContain("/plain");
  });

  it("refuses, in its lookup, a host name that resolves to loopback", async () => {
    const error = await new Promise<unknown>((resolve) =>
      publicOnlyLookup("localhost", { all: true }, (err) => resolve(err)),
    );
    expect(String(error)).toMatch(/private address/);
  });
});
