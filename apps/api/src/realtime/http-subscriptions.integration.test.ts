import { describe, expect, it } from "vitest";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

const rt = useRealtimeTestApi();

describe("subscriptions over HTTP", () => {
  it("are refused: events stream only over /trpc-ws, where sockets are counted and credentials re-read", async () => {
    const owner = await rt.api.register();
    const controller = new AbortController();
    const res = await fetch(`${rt.baseUrl}/trpc/realtime.events?input=${encodeURIComponent("{}")}`, {
      headers: { authorization: `Bearer ${owner.token}`, accept: "text/event-stream" },
      signal: controller.signal,
    });
    const body = await Promise.race([
      res.text(),
      new Promise<string>((resolve) => setTimeout(() => resolve("(still streaming)"), 2_000)),
    ]);
    controller.abort();
    expect(res.status, body).toBe(405);
    expect(body).toContain("/trpc-ws");

    const headers = { authorization: `Bearer ${owner.token}` };
    const batched = await fetch(
      `${rt.baseUrl}/trpc/auth.me,realtime.events?batch=1&input=${encodeURIComponent("{}")}`,
      {
        headers,
      },
    );
    expect(batched.status).toBe(405);
    expect((await fetch(`${rt.baseUrl}/trpc/auth.me`, { headers })).status).toBe(200);
    // a path that is not a procedure (nor valid percent-encoding) is tRPC's to answer, not a crash here
    expect((await fetch(`${rt.baseUrl}/trpc/%E0%A4%A`, { headers })).status).toBe(400);
  });
});
