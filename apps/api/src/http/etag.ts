import { DomainError, validationFailed } from "@crm/domain";
import { currentVersionOf, type VersionedRecord } from "@crm/domain/shared/record-version";
import type { TRPCError } from "@trpc/server";
import { z } from "zod";

/*
 * REST's optimistic concurrency on the records integrators edit. The ETag is the record's version (its id and
 * updatedAt), so `If-Match` maps onto the same `expectedUpdatedAt` a tRPC client sends: the one rule is the
 * domain's (`assertUnchanged`).
 */

/** The procedures whose answer is one record that `If-Match` can later name. */
const versionedProcedures = new Set([
  "deals.get",
  "deals.update",
  "contacts.get",
  "contacts.update",
  "companies.get",
  "companies.update",
  "conversations.get",
  "conversations.update",
]);

const separator = "@";

/** The strong ETag of a record's version (strong, as `If-Match` compares only strong tags). */
export function etagOf(record: VersionedRecord): string {
  const updatedAt = new Date(record.updatedAt).getTime();
  return `"${Buffer.from(`${record.id}${separator}${updatedAt}`).toString("base64url")}"`;
}

/** The version a tag names, when it is one of ours. */
function versionOf(tag: string): { id: string; updatedAt: Date } | undefined {
  const text = Buffer.from(tag, "base64url").toString();
  const at = text.lastIndexOf(separator);
  const millis = Number(text.slice(at + 1));
  if (at < 1 || !/^\d+$/.test(text.slice(at + 1)) || !Number.isSafeInteger(millis)) return undefined;
  return { id: text.slice(0, at), updatedAt: new Date(millis) };
}

/** No version of any record: a condition on it never holds. */
const noVersion = new Date(0);

const entityTag = /^(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"$/;

/** The entity tags of an `If-Match` or `If-None-Match` list (RFC 9110), or undefined when it is not one. */
function entityTagsOf(header: string): Array<{ weak: boolean; opaque: string }> | undefined {
  const tags: Array<{ weak: boolean; opaque: string }> = [];
  for (const item of header.split(",")) {
    const text = item.trim();
    if (text === "") continue;
    const match = entityTag.exec(text);
    if (!match) return undefined;
    tags.push({ weak: match[1] !== undefined, opaque: match[2] ?? "" });
  }
  return tags.length > 0 ? tags : undefined;
}

/**
 * The version of record `id` an `If-Match` header asks for: undefined for `*` (any version), the version
 * of the first of its tags that names this record, or one that matches nothing when none does (a tag of
 * another record, or not ours). If-Match compares strongly (RFC 9110): a weak tag matches nothing. A value
 * that is not `*` or a list of quoted tags is refused (400), not taken as a failed condition.
 */
export function versionInIfMatch(header: string, id: string): Date | undefined {
  if (header.trim() === "*") return undefined;
  const tags = entityTagsOf(header);
  if (!tags) {
    throw validationFailed(
      "If-Match",
      'If-Match must be * or a list of quoted ETags as the ETag header sends them, e.g. If-Match: "abc"',
    );
  }
  for (const tag of tags) {
    const version = tag.weak ? undefined : versionOf(tag.opaque);
    if (version?.id === id) return version.updatedAt;
  }
  return noVersion;
}

/**
 * Whether a GET's `If-None-Match` names the answer's ETag, compared weakly (RFC 9110): then the client's copy
 * is current (304). A value that is no list of tags names nothing.
 */
export function ifNoneMatchHolds(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const current = entityTagsOf(etag)?.[0];
  return current !== undefined && (entityTagsOf(header) ?? []).some((tag) => tag.opaque === current.opaque);
}

function isVersioned(value: unknown): value is VersionedRecord {
  if (typeof value !== "object" || value === null) return false;
  const { id, updatedAt } = value as Record<string, unknown>;
  return typeof id === "string" && (typeof updatedAt === "string" || updatedAt instanceof Date);
}

/**
 * The ETag of a REST answer: the record's, for a versioned procedure's success; the current version's, for a
 * write refused because the record changed (412), so the client knows what it is now.
 */
export function etagHeaders(
  paths: readonly string[] | undefined,
  data: readonly unknown[],
  errors: readonly TRPCError[],
): Record<string, string> {
  for (const error of errors) {
    const current = error.cause instanceof DomainError ? currentVersionOf(error.cause) : undefined;
    if (current) return { etag: etagOf(current) };
  }
  const [path] = paths ?? [];
  const [record] = data;
  if (errors.length > 0 || !path || !versionedProcedures.has(path) || !isVersioned(record)) return {};
  return { etag: etagOf(record) };
}

/** For the OpenAPI document of a versioned record's GET and PATCH. */
export const etagResponseHeader = z.object({
  ETag: z
    .string()
    .describe("The record's version: send it back in If-Match to edit or delete only this version"),
});

/** For the OpenAPI document of a versioned record's PATCH and DELETE. */
export const ifMatchRequestHeader = z.object({
  "If-Match": z
    .string()
    .optional()
    .describe(
      "The ETag of the version you read: the write happens only if the record is still at it, else 412 " +
        "(PRECONDITION_FAILED) with the current ETag and nothing written",
    ),
});
