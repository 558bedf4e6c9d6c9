import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { corsHeaders, requestIdHeader } from "./response-headers";

const allowedOrigin = "https://app.example.com";

function app() {
  const hono = new Hono();
  hono.use(requestIdHeader());
  hono.use(
    corsHeaders({
      allowedOrigins: [allowedOrigin],
      allowHeaders: ["content-type", "authorization"],
      allowMethods: ["GET", "POST"],
      maxAgeSeconds: 600,
    }),
  );
  // a handler answering a Response of its own, as the REST handler does
  hono.get("/raw", (c) => new Response(JSON.stringify({ id: c.get("requestId") }), { status: 201 }));
  hono.get("/json", (c) => c.json({ ok: true }));
  return hono;
}

describe("request id header", () => {
  it("is on a Response the handler built itself, and the handler saw the same id", async () => {
    const res = await app().request("/raw");
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ id });
    expect(res.status).toBe(201);
  });

  it("keeps a well-formed id the caller sent and replaces a malformed one", async () => {
    const kept = await app().request("/json", { headers: { "x-request-id": "abc-123" } });
    expect(kept.headers.get("x-request-id")).toBe("abc-123");
    const replaced = await app().request("/json", { headers: { "x-request-id": "a b<script>" } });
    expect(replaced.headers.get("x-request-id")).not.toBe("a b<script>");
  });
});

describe("CORS headers", () => {
  it("allow the configured origin with credentials", async () => {
    const res = await app().request("/raw", { headers: { origin: allowedOrigin } });
    expect(res.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toContain("Origin");
  });

  it("say nothing to another origin", async () => {
    const res = await app().request("/json", { headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("answer a preflight from the configured origin with methods, headers and max age", async () => {
    const res = await app().request("/raw", {
      method: "OPTIONS",
      headers: { origin: allowedOrigin, "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET,POST");
    expect(res.headers.get("access-control-allow-headers")).toBe("content-type,authorization");
    expect(res.headers.get("access-control-max-age")).toBe("600");
  });

  it("refuse a preflight from another origin", async () => {
    const res = await app().request("/raw", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
