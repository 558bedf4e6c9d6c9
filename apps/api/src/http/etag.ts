import { DomainError } from "@crm/domain";
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

/**
 * The version of record `id` an `If-Match` header asks for: undefined for `*` (any version), the version
 * of the first of its tags that names this record, or one that matches nothing when none does (a tag of
 * another record, or not ours). A weak tag is taken as the strong one it came from: a proxy that compresses
 * an answer may weaken its ETag.
 */
export function versionInIfMatch(header: string, id: string): Date | undefined {
  if (header.trim() === "*") return undefined;
  const tags = [...header.matchAll(/(?:W\/)?"([^"]*)"/g)].map((match) => match[1] ?? "");
  for (const tag of tags.length > 0 ? tags : [header.trim()]) {
    const version = versionOf(tag);
    if (version?.id === id) return version.updatedAt;
  }
  return noVersion;
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
