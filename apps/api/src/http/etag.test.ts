import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { etagOf, versionInIfMatch } from "./etag";

const record = { id: randomUUID(), updatedAt: "2025-06-15T12:00:00.123Z" };
const updatedAt = new Date(record.updatedAt);

describe("ETags of record versions", () => {
  it("is a strong tag that changes with the version and differs between records", () => {
    const tag = etagOf(record);
    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(etagOf({ ...record, updatedAt })).toBe(tag);
    expect(etagOf({ ...record, updatedAt: "2025-06-15T12:00:00.124Z" })).not.toBe(tag);
    expect(etagOf({ ...record, id: randomUUID() })).not.toBe(tag);
  });

  it("reads the version an If-Match names for this record, even weakened or among other tags", () => {
    const tag = etagOf(record);
    expect(versionInIfMatch(tag, record.id)).toEqual(updatedAt);
    expect(versionInIfMatch(`W/${tag}`, record.id)).toEqual(updatedAt);
    expect(versionInIfMatch(`"other", ${tag}`, record.id)).toEqual(updatedAt);
  });

  it("takes * as any version, and a tag of another record or not ours as no version at all", () => {
    expect(versionInIfMatch(" * ", record.id)).toBeUndefined();
    const none = new Date(0);
    expect(versionInIfMatch(etagOf({ ...record, id: randomUUID() }), record.id)).toEqual(none);
    expect(versionInIfMatch('"stale"', record.id)).toEqual(none);
    expect(versionInIfMatch("unquoted", record.id)).toEqual(none);
    expect(versionInIfMatch('""', record.id)).toEqual(none);
  });
});
