import { DomainError } from "./errors";

/**
 * A record whose version is its `updatedAt` (to the millisecond, as stored and as clients see it). The database
 * moves it forward on every write, by a millisecond past the last version if need be (migration 0025).
 */
export interface VersionedRecord {
  id: string;
  updatedAt: string | Date;
}

/** The optimistic-concurrency condition of a write: the `updatedAt` the writer read; none writes regardless. */
export interface Precondition {
  expectedUpdatedAt?: Date | undefined;
}

/**
 * Refuses a write conditional on a version the record no longer has. Callers check the record they hold
 * locked (or the row a conditional write found), so of two writers that read the same version one fails.
 */
export function assertUnchanged(what: string, record: VersionedRecord, precondition: Precondition): void {
  const expected = precondition.expectedUpdatedAt;
  if (expected === undefined) return;
  const current = new Date(record.updatedAt);
  if (current.getTime() === expected.getTime()) return;
  const updatedAt = current.toISOString();
  throw new DomainError(
    "PRECONDITION_FAILED",
    `This ${what} was changed since you read it (it was last updated at ${updatedAt}); nothing was written. ` +
      "Read it again and retry with its current version",
    { currentVersion: { id: record.id, updatedAt } },
  );
}

/** The record a PRECONDITION_FAILED from `assertUnchanged` names, as it is now. */
export function currentVersionOf(error: DomainError): VersionedRecord | undefined {
  const version = error.details?.currentVersion as Partial<VersionedRecord> | undefined;
  return typeof version?.id === "string" && typeof version.updatedAt === "string"
    ? { id: version.id, updatedAt: version.updatedAt }
    : undefined;
}
