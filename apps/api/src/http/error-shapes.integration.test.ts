import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

interface ErrorBody {
  message: string;
  code: string;
  data: Record<string, unknown>;
}

/** The documented error shape: `data` holds every key, null where it does not apply. */
const documented = (code: string, httpStatus: number, appCode: string, path: string | null) => ({
  code,
  httpStatus,
  appCode,
  path,
  fieldErrors: null,
  retryAfterSeconds: null,
  existingId: null,
});

describe("errors raised where no procedure answers", () => {
  it("a 405 has its appCode and data.path, over REST and tRPC", async () => {
    const { token } = await api.register();
    const headers = { authorization: `Bearer ${token}` };
    for (const [method, path] of [
      ["GET", "/api/v1/api-keys/0b5e7c1e-8c1a-4a5e-9a3f-2d3c4b5a6f70"],
      ["DELETE", "/api/v1/contacts"],
    ] as const) {
      const res = await fetch(`${api.baseUrl}${path}`, { method, headers });
      expect(res.status, `${method} ${path}`).toBe(405);
      const body = (await res.json()) as ErrorBody;
      expect(body.code).toBe("METHOD_NOT_SUPPORTED");
      // no operation takes this method at this path
      expect(body.data, `${method} ${path}`).toEqual(
        documented("METHOD_NOT_SUPPORTED", 405, "METHOD_NOT_SUPPORTED", null),
      );
    }
    const subscription = await fetch(`${api.baseUrl}/trpc/realtime.events`, { headers });
    expect(subscription.status).toBe(405);
    const { error } = (await subscription.json()) as { error: ErrorBody };
    expect(error.data).toEqual(
      documented("METHOD_NOT_SUPPORTED", 405, "METHOD_NOT_SUPPORTED", "realtime.events"),
    );
  });

  it("a 404 for an unknown path has its appCode and data.path, inside the API and outside it", async () => {
    const { token } = await api.register();
    for (const path of ["/api/v1/nothing-here", "/nothing-here"]) {
      const res = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(404);
      const body = (await res.json()) as ErrorBody;
      expect(body.message, path).toBe("Not found");
      expect(body.code, path).toBe("NOT_FOUND");
      expect(body.data, path).toEqual(documented("NOT_FOUND", 404, "NOT_FOUND", null));
    }
  });

  it("an operation's own error still names it", async () => {
    const { token } = await api.register();
    const res = await api.rest<ErrorBody>("GET", "/contacts/0b5e7c1e-8c1a-4a5e-9a3f-2d3c4b5a6f70", { token });
    expect(res.status).toBe(404);
    expect(res.body.data).toMatchObject({ appCode: "NOT_FOUND", path: "contacts.get" });
  });
});
