import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromJSONSchema } from "zod";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}

interface Operation {
  operationId?: string;
  security?: unknown;
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const documentOf = async () => (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Document;

async function get(path: string, token?: string) {
  const res = await fetch(`${api.baseUrl}/api/v1${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as unknown };
}

/** The issues of `body` against the schema /openapi.json documents for this answer (refs into $defs). */
function undocumented(doc: Document, path: string, status: number, body: unknown) {
  const schema = doc.paths[path]?.get?.responses[status]?.content?.["application/json"]?.schema;
  if (!schema) return [`GET ${path} documents no ${status}`];
  const text = JSON.stringify({ ...schema, $defs: doc.components.schemas });
  const zod = fromJSONSchema(JSON.parse(text.replaceAll('"#/components/schemas/', '"#/$defs/')));
  return zod.safeParse(body).error?.issues ?? [];
}

/** An object's keys, nested ones dotted, so two bodies' shapes compare. */
const shapeOf = (value: unknown, prefix = ""): string[] =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.entries(value).flatMap(([key, inner]) => [
        `${prefix}${key}`,
        ...shapeOf(inner, `${prefix}${key}.`),
      ])
    : [];

describe("the raw routes in /openapi.json", () => {
  it("document the CSV export with exactly the list's filters, its security and its answers", async () => {
    const doc = await documentOf();
    const list = doc.paths["/contacts"]?.get;
    const exported = doc.paths["/contacts/export.csv"]?.get;
    expect(exported, "GET /contacts/export.csv").toBeDefined();
    const filters = (list?.parameters ?? []).filter((p) => p.name !== "cursor" && p.name !== "limit");
    expect(filters.length).toBeGreaterThan(5);
    expect(exported?.parameters).toEqual(filters);
    expect(exported?.security).toEqual([{ bearerAuth: [] }]);
    expect(exported?.responses["200"]?.content?.["text/csv"]).toBeDefined();
    // the same errors as the list (same filters, same caller checks)
    expect(Object.keys(exported?.responses ?? {}).sort()).toEqual(Object.keys(list?.responses ?? {}).sort());
    expect(Object.keys(exported?.responses ?? {})).toEqual(
      expect.arrayContaining(["400", "401", "403", "500"]),
    );
  });

  it("document the media download with the message's id, its security and its answers", async () => {
    const doc = await documentOf();
    const media = doc.paths["/messages/{id}/media"]?.get;
    expect(media, "GET /messages/{id}/media").toBeDefined();
    expect(media?.parameters).toEqual(doc.paths["/messages/{id}"]?.get?.parameters);
    expect(media?.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    expect(media?.security).toEqual([{ bearerAuth: [] }]);
    expect(media?.responses["200"]?.content?.["*/*"]).toBeDefined();
    // the message's errors, but 400: a malformed id is a 404 there
    const { "400": _invalid, ...messageAnswers } = doc.paths["/messages/{id}"]?.get?.responses ?? {};
    expect(Object.keys(media?.responses ?? {}).sort()).toEqual(Object.keys(messageAnswers).sort());
    expect(Object.keys(media?.responses ?? {})).toEqual(expect.arrayContaining(["401", "403", "404", "500"]));
  });
});

describe("the raw routes' errors", () => {
  it("a bad export filter answers the list's error body, as documented", async () => {
    const { token } = await api.register();
    const listed = await get("/contacts?hasPhone=maybe", token);
    const exported = await get("/contacts/export.csv?hasPhone=maybe", token);
    expect(exported.status).toBe(400);
    expect(exported.type).toContain("application/json");
    expect(shapeOf(exported.body).sort()).toEqual(shapeOf(listed.body).sort());
    expect(exported.body).toEqual({
      ...(listed.body as object),
      data: { ...(listed.body as { data: object }).data, path: "contacts.exportCsv" },
    });
    expect(exported.body).toMatchObject({
      message: expect.stringMatching(/^hasPhone: ./),
      code: "BAD_REQUEST",
      data: {
        code: "BAD_REQUEST",
        httpStatus: 400,
        appCode: "VALIDATION_FAILED",
        fieldErrors: { hasPhone: [expect.any(String)] },
        retryAfterSeconds: null,
        existingId: null,
      },
      issues: [expect.objectContaining({ path: ["hasPhone"] })],
    });
    expect(undocumented(await documentOf(), "/contacts/export.csv", 400, exported.body)).toEqual([]);
  });

  it("signed out, and unknown media, answer the documented bodies", async () => {
    const doc = await documentOf();
    const owner = await api.register();
    const signedOut = await get("/contacts/export.csv");
    expect(signedOut.status).toBe(401);
    expect(undocumented(doc, "/contacts/export.csv", 401, signedOut.body)).toEqual([]);
    const missing = await get(`/messages/${randomUUID()}/media`, owner.token);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: "Media not found", data: { path: "messages.media" } });
    expect(undocumented(doc, "/messages/{id}/media", 404, missing.body)).toEqual([]);
    const signedOutMedia = await get(`/messages/${randomUUID()}/media`);
    expect(signedOutMedia.status).toBe(401);
    expect(undocumented(doc, "/messages/{id}/media", 401, signedOutMedia.body)).toEqual([]);
  });
});
