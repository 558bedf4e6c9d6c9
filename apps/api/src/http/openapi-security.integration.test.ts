import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";
import type { Meta } from "../trpc/init";
import { appRouter } from "../trpc/root";

const api = useTestApi();

type Document = { paths: Record<string, Record<string, { security?: unknown }>> };

/** Every REST operation of a procedure, with what the procedure declares. */
const restProcedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>,
).flatMap(([name, procedure]) => {
  const meta = procedure._def.meta;
  if (!meta?.openapi) return [];
  const path = meta.openapi.path.replace(/:(\w+)/g, "{$1}");
  return [{ name, meta, path, method: meta.openapi.method.toLowerCase() }];
});

describe("security in /openapi.json", () => {
  it("asks no credential of public operations and the bearer token of every other", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Document;
    const wrong = restProcedures.flatMap(({ name, meta, path, method }) => {
      const security = doc.paths[path]?.[method]?.security;
      const expected =
        meta.access !== "public" ? [{ bearerAuth: [] }] : meta.optionalAuth ? [{}, { bearerAuth: [] }] : [];
      return JSON.stringify(security) === JSON.stringify(expected)
        ? []
        : [`${name}: ${JSON.stringify(security)}, not ${JSON.stringify(expected)}`];
    });
    expect(wrong).toEqual([]);
    expect(restProcedures.filter(({ meta }) => meta.access === "public").length).toBeGreaterThan(5);
    for (const [path, method] of [
      ["/auth/register", "post"],
      ["/auth/login", "post"],
      ["/auth/forgot-password", "post"],
      ["/auth/reset-password", "post"],
      ["/auth/invitation", "get"],
      ["/auth/accept-invitation", "post"],
    ] as const)
      expect(doc.paths[path]?.[method]?.security, `${method} ${path}`).toEqual([]);
  });

  it("lets logout send the token when it has one, as the session it ends", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Document;
    expect(doc.paths["/auth/logout"]?.post?.security).toEqual([{}, { bearerAuth: [] }]);
  });
});
