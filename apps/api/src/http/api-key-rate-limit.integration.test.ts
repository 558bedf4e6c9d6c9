import { createMemoryRateLimiter } from "@crm/runtime";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { sessionCookieName } from "../auth/cookies";
import { type TestApi, useTestApi } from "../testing/harness";

const limit = 3;
const api = useTestApi({ API_KEY_RATE_LIMIT_PER_MINUTE: String(limit) });

async function apiKey(ownerToken: string, name = "Zapier"): Promise<string> {
  const created = await api.rest<{ secret: string }>("POST", "/api-keys", {
    token: ownerToken,
    body: { name, role: "admin" },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.secret;
}

const rateLimitHeaders = (headers: Headers) => ({
  limit: headers.get("ratelimit-limit"),
  remaining: headers.get("ratelimit-remaining"),
  reset: Number(headers.get("ratelimit-reset")),
});

/** Spends what is left of the key's current window. */
async function exhaust(key: string): Promise<void> {
  for (let i = 0; i < limit; i++) await api.rest("GET", "/contacts", { token: key });
}

function swapLimiter(testApi: TestApi, limiter: TestApi["container"]["rateLimiter"]) {
  const original = testApi.container.rateLimiter;
  testApi.container.rateLimiter = limiter;
  return () => {
    testApi.container.rateLimiter = original;
  };
}

describe("the rate limit of an API key", () => {
  it("answers each request with where the key stands, and the request past the limit with a 429", async () => {
    const owner = await api.register();
    const key = await apiKey(owner.token);

    const answers = [];
    for (let i = 0; i < limit; i++) answers.push(await api.rest("GET", "/contacts", { token: key }));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      const headers = rateLimitHeaders(answer.headers);
      expect(headers).toMatchObject({ limit: String(limit), remaining: String(limit - 1 - i) });
      expect(headers.reset).toBeGreaterThanOrEqual(1);
      expect(headers.reset).toBeLessThanOrEqual(60);
    }

    const refused = await api.rest("GET", "/contacts", { token: key });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      data: { appCode: "RATE_LIMITED", retryAfterSeconds: expect.any(Number), path: "contacts.list" },
    });
    expect(rateLimitHeaders(refused.headers)).toMatchObject({ limit: String(limit), remaining: "0" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(retryAfter).toBe(rateLimitHeaders(refused.headers).reset);

    // a write past the limit writes nothing
    const create = await api.rest("POST", "/contacts", { token: key, body: { name: "Not written" } });
    expect(create.status).toBe(429);
    const contacts = await api.rest<{ items: unknown[] }>("GET", "/contacts", { token: owner.token });
    expect(contacts.body.items).toEqual([]);
  });

  it("counts each key on its own, and not signed-in users", async () => {
    const owner = await api.register();
    const busy = await apiKey(owner.token, "Busy");
    const other = await apiKey(owner.token, "Other");
    await exhaust(busy);
    expect((await api.rest("GET", "/contacts", { token: busy })).status).toBe(429);

    const fresh = await api.rest("GET", "/contacts", { token: other });
    expect(fresh.status).toBe(200);
    expect(rateLimitHeaders(fresh.headers).remaining).toBe(String(limit - 1));

    for (let i = 0; i <= limit; i++) {
      const signedIn = await api.rest("GET", "/contacts", { token: owner.token });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get("ratelimit-limit")).toBeNull();
    }
  });

  it("counts an API key sent in the session cookie as well", async () => {
    const owner = await api.register();
    const key = await apiKey(owner.token);
    await exhaust(key);
    const viaCookie = await api.rest("GET", "/contacts", {
      headers: { cookie: `${sessionCookieName}=${key}` },
    });
    expect(viaCookie.status).toBe(429);
  });

  it("refuses tRPC calls and the raw routes (CSV export) of a key past its limit alike", async () => {
    const owner = await api.register();
    const key = await apiKey(owner.token);
    await exhaust(key);

    const error = await api
      .trpc(key)
      .contacts.list.query({})
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      httpStatus: 429,
      appCode: "RATE_LIMITED",
    });

    const csv = await fetch(`${api.baseUrl}/api/v1/contacts/export.csv`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(csv.status).toBe(429);
    expect(csv.headers.get("retry-after")).not.toBeNull();
    expect(csv.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("counts a tRPC batch as one request", async () => {
    const owner = await api.register();
    const key = await apiKey(owner.token);
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: {}, 2: {} }));
    const batch = await fetch(
      `${api.baseUrl}/trpc/contacts.list,companies.list,tags.list?batch=1&input=${input}`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(batch.status, await batch.clone().text()).toBe(200);
    expect(batch.headers.get("ratelimit-remaining")).toBe(String(limit - 1));
  });

  it("lets browsers on an allowed origin read the headers", async () => {
    const owner = await api.register();
    const key = await apiKey(owner.token);
    const answer = await api.rest("GET", "/contacts", {
      token: key,
      headers: { origin: "http://localhost:3000" },
    });
    const exposed = (answer.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(/,\s*/);
    expect(exposed).toEqual(
      expect.arrayContaining(["retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]),
    );
  });

  it("lets requests through uncounted while the limiter cannot count", async () => {
    const failing = {
      consume: () => Promise.reject(new Error("Redis is away")),
      refund: () => Promise.resolve(),
    };
    const owner = await api.register();
    const key = await apiKey(owner.token);
    const restore = swapLimiter(api, failing);
    try {
      const answer = await api.rest("GET", "/contacts", { token: key });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("ratelimit-limit")).toBeNull();
    } finally {
      restore();
    }
  });

  it("allows the key again once its window ended", async () => {
    let now = Date.now();
    const restore = swapLimiter(api, createMemoryRateLimiter({ now: () => now }));
    try {
      const owner = await api.register();
      const key = await apiKey(owner.token);
      await exhaust(key);
      const refused = await api.rest("GET", "/contacts", { token: key });
      expect(refused.status).toBe(429);

      now += rateLimitHeaders(refused.headers).reset * 1000;

      const again = await api.rest("GET", "/contacts", { token: key });
      expect(again.status).toBe(200);
      expect(rateLimitHeaders(again.headers)).toMatchObject({
        limit: String(limit),
        remaining: String(limit - 1),
        reset: 60,
      });
    } finally {
      restore();
    }
  });
});
