import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";
import { maxApiBodyBytes } from "./api-body-limit";

const api = useTestApi();

/** A raw POST, so the test chooses the body, its content type and whether it is sent chunked. */
function post(
  path: string,
  body: string,
  options: { headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (!options.chunked) headers["content-length"] = String(Buffer.byteLength(body));
    const req = request(`${api.baseUrl}${path}`, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    // a refused upload may be answered before it is all sent: the server then stops reading
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    if (options.chunked) {
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

const json = { "content-type": "application/json" };

describe("request bodies", () => {
  it("keeps JSON types: a string is no boolean and an array no number, on REST and then on tRPC", async () => {
    const owner = await api.register();
    const auth = { token: owner.token };
    const field = await api.rest<{ message: string }>("POST", "/custom-fields", {
      ...auth,
      body: { key: "vip", label: "VIP", type: "boolean", required: "false" },
    });
    expect(field.status, JSON.stringify(field.body)).toBe(400);

    const retention = await api.rest<{ message: string }>("PATCH", "/organizations/current", {
      ...auth,
      body: { dataRetentionDays: [60] },
    });
    expect(retention.status, JSON.stringify(retention.body)).toBe(400);

    // the REST calls above went through the same schemas tRPC validates with
    await expect(
      api.trpc(owner.token).customFields.create.mutate({
        key: "vip",
        label: "VIP",
        type: "boolean",
        required: "false" as unknown as boolean,
      }),
    ).rejects.toThrow(/boolean/);
    const created = await api.rest<{ required: boolean }>("POST", "/custom-fields", {
      ...auth,
      body: { key: "vip", label: "VIP", type: "boolean", required: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.required).toBe(false);
  });

  it("still reads a query string's numbers and booleans as the contracts declare", async () => {
    const owner = await api.register();
    for (const name of ["Ana", "Bruno"])
      await api.rest("POST", "/contacts", { token: owner.token, body: { name } });
    const page = await api.rest<{ items: unknown[] }>("GET", "/contacts?limit=1&hasPhone=false", {
      token: owner.token,
    });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.items).toHaveLength(1);
  });

  it("takes no body, or an empty one, as no input", async () => {
    const owner = await api.register();
    const refreshed = await post("/api/v1/auth/refresh", "", {
      headers: { ...json, authorization: `Bearer ${owner.token}` },
    });
    expect(refreshed.status, refreshed.body).toBe(200);
    const { token } = JSON.parse(refreshed.body) as { token: string };
    const loggedOut = await post("/api/v1/auth/logout", "", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(loggedOut.status, loggedOut.body).toBe(200);
    expect((await api.rest("GET", "/auth/me", { token })).status).toBe(401);
  });

  it("refuses a body that is not a JSON object, changing nothing", async () => {
    const owner = await api.register();
    const tag = await api.rest<{ id: string; updatedAt: string }>("POST", "/tags", {
      token: owner.token,
      body: { name: "vip" },
    });
    for (const body of ["null", '"vip"', "123", "[]", "true"]) {
      const res = await fetch(`${api.baseUrl}/api/v1/tags/${tag.body.id}`, {
        method: "PATCH",
        headers: { ...json, authorization: `Bearer ${owner.token}` },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(await res.json()).toMatchObject({
        message: "The request body must be a JSON object",
        data: { appCode: "VALIDATION_FAILED" },
      });
    }
    const after = await api.rest<{ items: { id: string; updatedAt: string }[] }>("GET", "/tags", {
      token: owner.token,
    });
    expect(after.body.items).toEqual([
      expect.objectContaining({ id: tag.body.id, updatedAt: tag.body.updatedAt }),
    ]);
  });

  it("gives an appCode to a body that is not JSON, or not sent as JSON, refused before any procedure runs", async () => {
    const owner = await api.register();
    const auth = { authorization: `Bearer ${owner.token}` };
    const broken = await post("/api/v1/tags", '{"name": ', { headers: { ...json, ...auth } });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({
      code: "PARSE_ERROR",
      data: { appCode: "VALIDATION_FAILED", httpStatus: 400 },
    });
    const text = await post("/api/v1/tags", "name=vip", {
      headers: { "content-type": "application/x-www-form-urlencoded", ...auth },
    });
    expect(text.status).toBe(415);
    expect(JSON.parse(text.body)).toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
      data: { appCode: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415 },
      message:
        'Unsupported Content-Type "application/x-www-form-urlencoded": send the body as JSON, with ' +
        "Content-Type: application/json",
    });
    // bytes, so that fetch sends no Content-Type of its own
    const untyped = await fetch(`${api.baseUrl}/api/v1/tags`, {
      method: "POST",
      headers: auth,
      body: new TextEncoder().encode("vip"),
    });
    expect(untyped.status).toBe(415);
    expect(((await untyped.json()) as { message: string }).message).toBe(
      "The request has no Content-Type: send the body as JSON, with Content-Type: application/json",
    );
    const tags = await api.rest<{ items: unknown[] }>("GET", "/tags", { token: owner.token });
    expect(tags.body.items).toEqual([]);
  });

  it("answers 413 to a body above the limit before signing in, declared or chunked, REST and tRPC", async () => {
    const huge = JSON.stringify({ email: "a@example.com", password: "x".repeat(maxApiBodyBytes) });
    for (const chunked of [false, true]) {
      const rest = await post("/api/v1/auth/login", huge, { headers: json, chunked });
      expect(rest.status, `chunked: ${chunked}`).toBe(413);
      expect(JSON.parse(rest.body)).toMatchObject({
        code: "PAYLOAD_TOO_LARGE",
        message: "The request body is larger than 1 MiB",
        data: { appCode: "PAYLOAD_TOO_LARGE", httpStatus: 413, path: "auth.login", fieldErrors: null },
      });
      const trpc = await post("/trpc/auth.login", huge, { headers: json, chunked });
      expect(trpc.status).toBe(413);
      expect(JSON.parse(trpc.body)).toMatchObject({
        error: {
          code: -32013,
          data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, appCode: "PAYLOAD_TOO_LARGE" },
        },
      });
    }
    // just under the limit is read (and refused for what it says)
    const under = JSON.stringify({ email: "a@example.com", password: "x".repeat(maxApiBodyBytes - 100) });
    expect((await post("/api/v1/auth/login", under, { headers: json })).status).toBe(400);
  });

  it("lets a CSV import carry more than the limit", async () => {
    const owner = await api.register();
    const csv = `name,notes\nAna,${"x".repeat(maxApiBodyBytes)}\n`;
    const started = await post("/api/v1/contacts/imports", JSON.stringify({ csv }), {
      headers: { ...json, authorization: `Bearer ${owner.token}` },
    });
    expect(started.status, started.body.slice(0, 300)).toBe(201);
  });
});
