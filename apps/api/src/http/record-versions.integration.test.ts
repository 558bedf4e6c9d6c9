import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import { useTestApi } from "../testing/harness";
import { ifMatch, recordVersions, versionPart } from "./record-versions-fixtures";

const api = useTestApi();
const { kinds, setUp, read } = recordVersions(api);

describe.each(kinds)("optimistic concurrency on a $name", (kind) => {
  it("of two writers that read the same version, one wins and the other gets a 412 naming the current version", async () => {
    const { token, url } = await setUp(kind);
    const { etag } = await read(token, url);

    const answers = await Promise.all(
      kind.edits.map((body) => api.rest("PATCH", url, { token, body, headers: ifMatch(etag) })),
    );

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
    const winner = answers.findIndex((answer) => answer.status === 200);
    const loser = answers[1 - winner];
    const current = await read(token, url);
    expect(current.record[kind.field]).toBe(kind.edits[winner]?.[kind.field]);
    expect(current.etag).not.toBe(etag);
    expect(answers[winner]?.headers.get("etag")).toBe(current.etag);
    expect(loser?.body).toMatchObject({
      code: "PRECONDITION_FAILED",
      data: { appCode: "PRECONDITION_FAILED", httpStatus: 412 },
      message: expect.stringContaining("changed since you read it"),
    });
    expect(loser?.headers.get("etag")).toBe(versionPart(current.etag));
  });

  it("writes with the current version and answers the next one; a stale or foreign tag writes nothing", async () => {
    const { token, url } = await setUp(kind);
    const first = await read(token, url);
    const [edit, other] = kind.edits;

    const written = await api.rest("PATCH", url, { token, body: edit, headers: ifMatch(first.etag) });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const next = written.headers.get("etag");
    expect(next).not.toBe(first.etag);
    expect(next).toBe((await read(token, url)).etag);

    for (const tag of [first.etag, '"stale"']) {
      const refused = await api.rest("PATCH", url, { token, body: other, headers: ifMatch(tag) });
      expect(refused.status, tag).toBe(412);
      expect(refused.headers.get("etag")).toBe(versionPart(next));
    }
    expect((await read(token, url)).record[kind.field]).toBe(edit?.[kind.field]);

    const again = await api.rest("PATCH", url, { token, body: other, headers: ifMatch(next ?? "") });
    expect(again.status).toBe(200);
  });

  it("refuses an If-Match that is no list of quoted tags with a 400, and writes nothing", async () => {
    const { token, url } = await setUp(kind);
    const { record, etag } = await read(token, url);
    for (const tag of ["*garbage*", etag.slice(1, -1)]) {
      const refused = await api.rest("PATCH", url, { token, body: kind.edits[0], headers: ifMatch(tag) });
      expect(refused.status, tag).toBe(400);
      expect(refused.body).toMatchObject({
        code: "BAD_REQUEST",
        data: { appCode: "VALIDATION_FAILED", fieldErrors: { "If-Match": [expect.any(String)] } },
      });
    }
    const deleting = await api.rest("DELETE", url, { token, headers: ifMatch("*garbage*") });
    expect(deleting.status).toBe(400);
    expect(await read(token, url)).toEqual({ record, etag });
  });

  it("refuses a weak If-Match, even of the current version, with a 412 that says why, and writes nothing", async () => {
    const { token, url } = await setUp(kind);
    const { record, etag } = await read(token, url);
    for (const tag of [`W/${etag}`, `W/"other", W/${etag}`]) {
      const refused = await api.rest("PATCH", url, { token, body: kind.edits[0], headers: ifMatch(tag) });
      expect(refused.status, tag).toBe(412);
      expect(refused.body).toMatchObject({
        code: "PRECONDITION_FAILED",
        data: { appCode: "PRECONDITION_FAILED", httpStatus: 412 },
        message: expect.stringContaining("weak"),
      });
      expect((refused.body as { message: string }).message).not.toContain("changed since you read it");
    }
    expect((await api.rest("DELETE", url, { token, headers: ifMatch(`W/${etag}`) })).status).toBe(412);
    expect(await read(token, url)).toEqual({ record, etag });
    // a strong tag among weak ones still counts
    const written = await api.rest("PATCH", url, {
      token,
      body: kind.edits[0],
      headers: ifMatch(`W/"other", ${etag}`),
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
  });

  it("answers a GET whose If-None-Match names the current version 304 without a body, else 200", async () => {
    const { token, url } = await setUp(kind);
    const { record, etag } = await read(token, url);
    const get = (ifNoneMatch: string) =>
      fetch(`${api.baseUrl}/api/v1${url}`, {
        headers: { authorization: `Bearer ${token}`, "if-none-match": ifNoneMatch },
      });
    // If-None-Match compares weakly
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const unchanged = await get(tag);
      expect(unchanged.status, tag).toBe(304);
      expect(unchanged.headers.get("etag")).toBe(etag);
      expect(await unchanged.text()).toBe("");
    }
    await api.rest("PATCH", url, { token, body: kind.edits[0] });
    const changed = await get(etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as Record<string, unknown>).id).toBe(record.id);
  });

  it("without If-Match the last write wins, as before; If-Match: * is any version", async () => {
    const { token, url } = await setUp(kind);
    const [edit, other] = kind.edits;
    expect((await api.rest("PATCH", url, { token, body: edit })).status).toBe(200);
    expect((await api.rest("PATCH", url, { token, body: other })).status).toBe(200);
    expect((await read(token, url)).record[kind.field]).toBe(other?.[kind.field]);
    expect((await api.rest("PATCH", url, { token, body: edit, headers: ifMatch("*") })).status).toBe(200);
  });

  it("deletes only the version If-Match names", async () => {
    const { token, url } = await setUp(kind);
    const { etag } = await read(token, url);
    await api.rest("PATCH", url, { token, body: kind.edits[0] });

    const refused = await api.rest("DELETE", url, { token, headers: ifMatch(etag) });
    expect(refused.status).toBe(412);
    const current = await read(token, url);
    const currentVersion = refused.headers.get("etag") ?? "";
    expect(currentVersion).toBe(versionPart(current.etag));

    // the 412's tag is enough to write that version
    const deleted = await api.rest("DELETE", url, { token, headers: ifMatch(currentVersion) });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect((await api.rest("GET", url, { token })).status).toBe(404);
  });

  it("gives two writes in the same millisecond two versions: If-Match with the first is refused after the second", async () => {
    const { token, url } = await setUp(kind);
    const { etag } = await read(token, url);
    const [edit, other] = kind.edits;
    // the API's clock stands still, as it would for writes close enough together
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 60_000 });
    try {
      const first = await api.rest("PATCH", url, { token, body: edit, headers: ifMatch(etag) });
      const firstTag = first.headers.get("etag") ?? "";
      const second = await api.rest("PATCH", url, { token, body: other, headers: ifMatch(firstTag) });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.headers.get("etag")).not.toBe(firstTag);

      const stale = await api.rest("PATCH", url, { token, body: edit, headers: ifMatch(firstTag) });
      expect(stale.status).toBe(412);
      expect(stale.headers.get("etag")).toBe(versionPart(second.headers.get("etag")));
    } finally {
      vi.useRealTimers();
    }
    expect((await read(token, url)).record[kind.field]).toBe(other?.[kind.field]);
  });

  it("takes the same condition over tRPC as expectedUpdatedAt", async () => {
    const { token, id, url } = await setUp(kind);
    const { record } = await read(token, url);
    const client = api.trpc(token);

    const updated = await kind.trpcUpdate(client, id, record.updatedAt);
    expect(updated.updatedAt).not.toBe(record.updatedAt);

    const stale = await kind.trpcUpdate(client, id, record.updatedAt).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(stale).toBeInstanceOf(TRPCClientError);
    expect((stale as TRPCClientError<never>).data).toMatchObject({
      code: "PRECONDITION_FAILED",
      appCode: "PRECONDITION_FAILED",
    });
    expect((await read(token, url)).record.updatedAt).toBe(updated.updatedAt);
  });
});
