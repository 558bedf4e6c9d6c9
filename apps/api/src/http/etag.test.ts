import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { etagOf, ifNoneMatchHolds, versionInIfMatch } from "./etag";

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

  it("reads the version an If-Match names for this record, among other tags", () => {
    const tag = etagOf(record);
    expect(versionInIfMatch(tag, record.id)).toEqual(updatedAt);
    expect(versionInIfMatch(`"other", ${tag}`, record.id)).toEqual(updatedAt);
    expect(versionInIfMatch(`W/"other",${tag}`, record.id)).toEqual(updatedAt);
  });

  it("compares strongly: a weak tag, even of this very version, matches nothing", () => {
    expect(versionInIfMatch(`W/${etagOf(record)}`, record.id)).toEqual(new Date(0));
  });

  it("takes * as any version, and a tag of another record or not ours as no version at all", () => {
    expect(versionInIfMatch(" * ", record.id)).toBeUndefined();
    const none = new Date(0);
    expect(versionInIfMatch(etagOf({ ...record, id: randomUUID() }), record.id)).toEqual(none);
    expect(versionInIfMatch('"stale"', record.id)).toEqual(none);
    expect(versionInIfMatch('""', record.id)).toEqual(none);
  });

  it("refuses a value that is no list of quoted tags as invalid input, not as a failed condition", () => {
    for (const header of ["unquoted", "*garbage*", '"open', `${etagOf(record)} x`, ",", "W/abc"]) {
      expect(() => versionInIfMatch(header, record.id), header).toThrow(
        expect.objectContaining({ code: "VALIDATION_FAILED" }),
      );
    }
  });
});

describe("If-None-Match on a GET", () => {
  it("holds when it names the answer's tag, compared weakly, or is *", () => {
    const tag = etagOf(record);
    expect(ifNoneMatchHolds(tag, tag)).toBe(true);
    expect(ifNoneMatchHolds(`W/${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHolds(`"other", ${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHolds("*", tag)).toBe(true);
  });

  it("does not hold for another tag or a value that is no list of tags", () => {
    const tag = etagOf(record);
    expect(ifNoneMatchHolds('"other"', tag)).toBe(false);
    expect(ifNoneMatchHolds(tag.slice(1, -1), tag)).toBe(false);
  });
});
