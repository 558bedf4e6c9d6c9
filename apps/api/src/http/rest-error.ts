import { DomainError } from "@crm/domain";
import { getTRPCErrorFromUnknown, getTRPCErrorShape, type TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { retryAfterHeaders, toTRPCError } from "../trpc/errors";
import { appRouter } from "../trpc/root";

/**
 * The error body of /api/v1, built as trpc-to-openapi's handler builds it (its node-http/core.js): the
 * procedures' error formatter, `code` the tRPC code name, and zod's `issues` when the input failed its schema.
 * `path` names the operation as the tRPC client would (`contacts.exportCsv` for a raw route).
 */
export function restErrorBody(error: TRPCError, path: string) {
  const shape = getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type: "query",
    path,
    input: undefined,
    ctx: undefined,
  });
  const invalidInput =
    error.code === "BAD_REQUEST" && error.cause instanceof Error && error.cause.name === "ZodError";
  return {
    ...shape,
    message: invalidInput ? "Input validation failed" : shape.message,
    code: error.code,
    issues: invalidInput ? (error.cause as Error & { issues: unknown[] }).issues : undefined,
  };
}

/** Anything thrown, answered as /api/v1 answers it: a domain error by the one table, the rest as a 500. */
export function restErrorResponse(thrown: unknown, path: string): Response {
  const error = thrown instanceof DomainError ? toTRPCError(thrown) : getTRPCErrorFromUnknown(thrown);
  return Response.json(restErrorBody(error, path), {
    status: getHTTPStatusCodeFromError(error),
    headers: retryAfterHeaders([error]),
  });
}
