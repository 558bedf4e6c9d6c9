import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";
import { ifMatch, type Kind, recordVersions } from "./record-versions-fixtures";

const api = useTestApi();
const { kinds, setUp, read } = recordVersions(api);

describe("If-Match and expectedUpdatedAt", () => {
  it("may be sent by a browser on another origin, as If-None-Match", async () => {
    const preflight = await fetch(`${api.baseUrl}/api/v1/contacts`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,if-match,if-none-match",
      },
    });
    const allowed = preflight.headers.get("access-control-allow-headers")?.split(",");
    expect(allowed).toEqual(expect.arrayContaining(["if-match", "if-none-match"]));
  });

  it("must name the same version when both are sent", async () => {
    const kind = kinds[2] as Kind;
    const { token, url } = await setUp(kind);
    const { etag, record } = await read(token, url);
    const older = new Date(new Date(record.updatedAt).getTime() - 1000).toISOString();

    const mixed = await api.rest("PATCH", url, {
      token,
      body: { ...kind.edits[0], expectedUpdatedAt: older },
      headers: ifMatch(etag),
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({ data: { fieldErrors: { expectedUpdatedAt: [expect.any(String)] } } });

    const agreeing = await api.rest("PATCH", url, {
      token,
      body: { ...kind.edits[0], expectedUpdatedAt: record.updatedAt },
      headers: ifMatch(etag),
    });
    expect(agreeing.status).toBe(200);
  });

  it("are documented on the operations that take them, with the 412", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }
        >
      >;
    };
    for (const kind of kinds) {
      const operations = doc.paths[`${kind.path}/{id}`] ?? {};
      for (const method of ["patch", "delete"]) {
        expect(operations[method]?.responses["412"], `${method} ${kind.path}`).toBeDefined();
        expect(operations[method]?.parameters).toContainEqual(
          expect.objectContaining({ name: "If-Match", in: "header" }),
        );
      }
      const ok = operations.get?.responses["200"] as { headers?: Record<string, unknown> } | undefined;
      expect(Object.keys(ok?.headers ?? {}), `GET ${kind.path}`).toContain("ETag");
    }
  });
});
