import { DomainError } from "@crm/domain";
import { getTRPCErrorFromUnknown, getTRPCErrorShape, type TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { type InputIssue, inputIssuesMessage, retryAfterHeaders, toTRPCError } from "../trpc/errors";
import { appRouter } from "../trpc/root";

/**
 * The error body of /api/v1, built as trpc-to-openapi's handler builds it (its node-http/core.js): the
 * procedures' error formatter, `code` the tRPC code name, and zod's `issues` when the input failed its schema.
 * `path` names the operation as the tRPC client would (`contacts.exportCsv` for a raw route).
 */
export function restErrorBody(error: TRPCError, path?: string) {
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
    message: shape.message,
    code: error.code,
    // null where no operation answers: an unknown path, a method the path does not take
    data: { ...shape.data, path: path ?? null },
    issues: invalidInput ? publicIssues((error.cause as Error & { issues: unknown[] }).issues) : undefined,
  };
}

/** Anything thrown, answered as /api/v1 answers it: a domain error by the one table, the rest as a 500. */
export function restErrorResponse(thrown: unknown, path?: string): Response {
  const error = thrown instanceof DomainError ? toTRPCError(thrown) : getTRPCErrorFromUnknown(thrown);
  return Response.json(restErrorBody(error, path), {
    status: getHTTPStatusCodeFromError(error),
    headers: retryAfterHeaders([error]),
  });
}

/** zod's issues without the regular expression a format was checked against: zod's internals, not the API's. */
function publicIssues(issues: readonly unknown[]): unknown[] {
  return issues.map((issue) => {
    if (typeof issue !== "object" || issue === null || !("pattern" in issue)) return issue;
    const { pattern: _pattern, ...rest } = issue;
    return rest;
  });
}

const jsonBody = "send the body as JSON, with Content-Type: application/json";

/**
 * trpc-to-openapi's error body with its own words replaced: an input that failed its schema says which fields
 * and why (as the tRPC message does) instead of "Input validation failed", and a 415 names the content type
 * it refuses in a whole sentence. A body without `data.path` (no operation answered) gets it, null.
 */
export function clarifiedErrorBody(status: number, text: string): string {
  let parsed: { message?: unknown; issues?: unknown; data?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return text;
  }
  if (typeof parsed !== "object" || parsed === null) return text;
  // trpc-to-openapi's own 404 for a path no operation has: the documented shape, its `path` null
  const { data } = parsed;
  const withPath =
    typeof data === "object" && data !== null && !("path" in data) ? { ...data, path: null } : undefined;
  const body = withPath ? { ...parsed, data: withPath } : parsed;
  if (Array.isArray(body.issues)) {
    const issues = publicIssues(body.issues);
    const message =
      body.message === "Input validation failed" ? inputIssuesMessage(issues as InputIssue[]) : body.message;
    return JSON.stringify({ ...body, message, issues });
  }
  if (status === 415 && typeof body.message === "string") {
    const sent = /^Unsupported content-type "(.*)$/.exec(body.message)?.[1];
    const message =
      sent === undefined
        ? `The request has no Content-Type: ${jsonBody}`
        : `Unsupported Content-Type "${sent.replace(/"$/, "")}": ${jsonBody}`;
    return JSON.stringify({ ...body, message });
  }
  return withPath ? JSON.stringify(body) : text;
}
