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

  it("of an answer names its content too: what it shows of other records changes it, the version stays", () => {
    const shown = { ...record, company: { id: randomUUID(), name: "Padaria" } };
    const tag = etagOf(record, shown);
    expect(tag).toMatch(/^"[\w-]+\.[\w-]+"$/);
    expect(etagOf(record, structuredClone(shown))).toBe(tag);
    const renamed = etagOf(record, { ...shown, company: { ...shown.company, name: "Padaria Nova" } });
    expect(renamed).not.toBe(tag);
    expect(versionInIfMatch(renamed, record.id)).toEqual(versionInIfMatch(tag, record.id));
  });

  it("reads the version an If-Match names for this record, among other tags", () => {
    const tag = etagOf(record);
    expect(versionInIfMatch(tag, record.id)).toEqual(updatedAt);
    expect(versionInIfMatch(`"other", ${tag}`, record.id)).toEqual(updatedAt);
    expect(versionInIfMatch(`W/"other",${tag}`, record.id)).toEqual(updatedAt);
  });

  it("reads the version alone of an answer's tag, whatever its content part", () => {
    expect(versionInIfMatch(etagOf(record, { ...record, name: "Maria" }), record.id)).toEqual(updatedAt);
  });

  it("compares strongly: weak tags alone are refused as such, with a 412 that says so", () => {
    for (const header of [`W/${etagOf(record)}`, `W/"other", W/${etagOf(record, record)}`]) {
      expect(() => versionInIfMatch(header, record.id), header).toThrow(
        expect.objectContaining({ code: "PRECONDITION_FAILED", message: expect.stringContaining("weak") }),
      );
    }
    expect(versionInIfMatch(`W/${etagOf(record)}, "stale"`, record.id)).toEqual(new Date(0));
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

  it("compares the content too: the same version showing other names, or the version alone, does not hold", () => {
    const tag = etagOf(record, { ...record, company: { name: "Padaria Nova" } });
    expect(ifNoneMatchHolds(etagOf(record, { ...record, company: { name: "Padaria" } }), tag)).toBe(false);
    expect(ifNoneMatchHolds(etagOf(record), tag)).toBe(false);
  });
});
