import { DomainError, errorTable } from "@crm/domain";
import { getTRPCErrorShape } from "@trpc/server";
import type { Context } from "hono";
import {
  forEachOpenApiProcedure,
  getPathParameters,
  getPathRegExp,
  normalizePath,
  type OpenApiProcedureRecord,
} from "trpc-to-openapi";
import { toTRPCError } from "../trpc/errors";
import { appRouter } from "../trpc/root";
import { restBasePath } from "./openapi";

export type Refusal = "malformed" | "streamed" | "inProgress" | "mismatch";

const refusals: Record<Refusal, () => DomainError> = {
  malformed: () =>
    new DomainError("VALIDATION_FAILED", "Idempotency-Key must be 1 to 255 printable ASCII characters"),
  streamed: () =>
    new DomainError(
      "VALIDATION_FAILED",
      "Idempotency-Key needs the whole answer at once: send it without trpc-accept: application/jsonl",
    ),
  inProgress: () => new DomainError("CONFLICT", "A request with this Idempotency-Key is still in progress"),
  mismatch: () => new DomainError("UNPROCESSABLE", "This Idempotency-Key was used for a different request"),
};

interface RestOperation {
  method: string;
  path: string;
  pattern: RegExp;
  procedure: string;
}

let restOperations: RestOperation[] | undefined;

/** The procedure behind a REST path (`conversations.sendMessage`), as errors name it in `data.path`. */
function restProcedure(method: string, path: string): string {
  if (!restOperations) {
    const found: RestOperation[] = [];
    forEachOpenApiProcedure(appRouter._def.procedures as OpenApiProcedureRecord, ({ path: name, meta }) => {
      const path = normalizePath(meta.openapi.path);
      found.push({ method: meta.openapi.method, path, pattern: getPathRegExp(path), procedure: name });
    });
    // a literal segment wins over a parameter (`/contacts/imports` before `/contacts/{id}`)
    const parameters = (operation: RestOperation) => getPathParameters(operation.path).length;
    restOperations = found.sort((a, b) => parameters(a) - parameters(b));
  }
  const operationPath = path.slice(restBasePath.length);
  return (
    restOperations.find((operation) => operation.method === method && operation.pattern.test(operationPath))
      ?.procedure ?? ""
  );
}

/** The refusal in the error shape of the request's protocol, as its procedures' errors are formatted. */
export const refusal = (c: Context, protocol: "trpc" | "rest", reason: Refusal): Response =>
  protocolErrorResponse(c, protocol, refusals[reason]());

/** A domain error raised before any procedure runs, answered as the request's procedure would answer it. */
export function protocolErrorResponse(
  c: Context,
  protocol: "trpc" | "rest",
  domainError: DomainError,
): Response {
  const error = toTRPCError(domainError);
  const path =
    protocol === "trpc" ? c.req.path.slice("/trpc/".length) : restProcedure(c.req.method, c.req.path);
  const shape = getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type: "mutation",
    path,
    input: undefined,
    ctx: undefined,
  });
  const body = protocol === "trpc" ? { error: shape } : { ...shape, code: error.code };
  return Response.json(body, { status: errorTable[domainError.code].http });
}
