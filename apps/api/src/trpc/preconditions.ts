import { validationFailed } from "@crm/domain";
import type { Precondition } from "@crm/domain/shared/record-version";
import { versionInIfMatch } from "../http/etag";
import type { Context } from "./context";

/**
 * The version an edit or a delete of record `id` is conditional on: `expectedUpdatedAt` (tRPC, or a REST
 * body) or REST's If-Match, which must agree when both are sent. Neither: no condition, the last write wins.
 */
export function preconditionOf(ctx: Context, id: string, expectedUpdatedAt?: string): Precondition {
  const fromInput = expectedUpdatedAt === undefined ? undefined : new Date(expectedUpdatedAt);
  const fromHeader = ctx.ifMatch === undefined ? undefined : versionInIfMatch(ctx.ifMatch, id);
  if (fromInput && fromHeader && fromInput.getTime() !== fromHeader.getTime()) {
    throw validationFailed(
      "expectedUpdatedAt",
      "If-Match and expectedUpdatedAt name different versions of the record: send one of them",
    );
  }
  return { expectedUpdatedAt: fromHeader ?? fromInput };
}
