import { createHash } from "node:crypto";
import { DomainError, validationFailed } from "@crm/domain";
import { currentVersionOf, type VersionedRecord } from "@crm/domain/shared/record-version";
import type { TRPCError } from "@trpc/server";
import { z } from "zod";

/*
 * REST's conditional requests on the records integrators edit. An answer's ETag is `"<version>.<content>"`: the
 * record's version (its id and updatedAt) and a hash of the JSON body. The body also shows other records (a
 * contact's company and tags, a conversation's contact, a deal's contact and stage...), which change without the
 * record's version moving, so the two conditions read different parts:
 * - If-None-Match compares whole tags: a 304 only when the client holds the very answer it would get now.
 * - If-Match compares the version: it guards the record's own fields, the ones a PATCH or DELETE acts on, and maps
 *   onto the same `expectedUpdatedAt` a tRPC client sends (the one rule is the domain's `assertUnchanged`). A
 *   company renamed since the client read its contact does not refuse an edit of the contact.
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
/** Between a tag's version and content parts; base64url never holds it. */
const contentSeparator = ".";

function versionTagOf(record: VersionedRecord): string {
  const updatedAt = new Date(record.updatedAt).getTime();
  return Buffer.from(`${record.id}${separator}${updatedAt}`).toString("base64url");
}

/** 96 bits of the body's SHA-256: enough that two different answers of one record never share a tag. */
function contentTagOf(representation: unknown): string {
  return createHash("sha256").update(JSON.stringify(representation)).digest("base64url").slice(0, 16);
}

/**
 * The strong ETag of an answer showing `representation`, record `record` (the same object for a record's GET or
 * PATCH: trpc-to-openapi sends `JSON.stringify` of it). Without a representation (a 412 shows none), the tag of
 * the version alone: If-Match takes it, If-None-Match matches no answer with it.
 */
export function etagOf(record: VersionedRecord, representation?: unknown): string {
  const version = versionTagOf(record);
  if (representation === undefined) return `"${version}"`;
  return `"${version}${contentSeparator}${contentTagOf(representation)}"`;
}

/** The version a tag names, when it is one of ours (its content part, if any, does not matter). */
function versionOf(tag: string): { id: string; updatedAt: Date } | undefined {
  const text = Buffer.from(tag.split(contentSeparator)[0] ?? "", "base64url").toString();
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
 * another record, or not ours). If-Match compares strongly (RFC 9110): a weak tag matches nothing, and a list
 * of weak tags only is refused (412, as the RFC has it) saying so rather than that the record changed. A value
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
  if (tags.every((tag) => tag.weak)) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      'If-Match cannot use a weak ETag (W/"..."): it compares tags strongly (RFC 9110), so a weak one never ' +
        "matches and nothing was written. Send the ETag exactly as the ETag header gave it, without W/ (a proxy " +
        "that compresses answers may have weakened it)",
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
 * is current (304). The whole tag counts, content part included. A value that is no list of tags names nothing.
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
 * The ETag of a REST answer: the answer's (version and content), for a versioned procedure's success; the
 * current version's alone, for a write refused because the record changed (412), so the client can retry on it.
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
  return { etag: etagOf(record, record) };
}

/** For the OpenAPI document of a versioned record's GET and PATCH. */
export const etagResponseHeader = z.object({
  ETag: z
    .string()
    .describe(
      "This answer's tag: the record's version and its content, including what it shows of other records " +
        "(names of its company, tags, contact, stage...). Send it in If-None-Match to get a 304 while the " +
        "answer would be the same, and in If-Match to edit or delete only this version of the record",
    ),
});

/** For the OpenAPI document of a versioned record's PATCH and DELETE. */
export const ifMatchRequestHeader = z.object({
  "If-Match": z
    .string()
    .optional()
    .describe(
      "The ETag you read: the write happens only if the record is still at the version it names, else 412 " +
        "(PRECONDITION_FAILED) with the current version's ETag and nothing written. It guards the record's own " +
        "fields: what the record shows of other records (names of its company, tags, contact, stage...) may " +
        'have changed since without refusing the write. Compared strongly: a weak tag (W/"...") never ' +
        "matches (412)",
    ),
});
