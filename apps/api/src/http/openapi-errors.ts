import { type ErrorCode, errorTable } from "@crm/domain";
import type { AnyTRPCProcedure } from "@trpc/server";
import {
  acceptsRequestBody,
  forEachOpenApiProcedure,
  getPathParameters,
  normalizePath,
  type OpenAPIObject,
  type OpenApiProcedureRecord,
} from "trpc-to-openapi";
import type { Meta } from "../trpc/init";
import type { AppRouter } from "../trpc/root";
import { type ErrorStatus, errorResponse, errorSchema, errorSchemaName } from "./openapi-error-schemas";

/** The procedures' dotted names (`contacts.create`): a misspelt one in the table below does not compile. */
type ProcedurePaths<R, Prefix extends string = ""> = {
  [K in keyof R & string]: R[K] extends AnyTRPCProcedure
    ? `${Prefix}${K}`
    : ProcedurePaths<R[K], `${Prefix}${K}.`>;
}[keyof R & string];

export type ProcedurePath = ProcedurePaths<AppRouter["_def"]["record"]>;

/**
 * The errors a procedure's use case answers beyond those its shape implies (see `errorStatusesOf`), as codes
 * of the domain's errorTable: found by reading the use cases and the repositories they call. When a use case
 * starts throwing a code a REST client can meet (a NOT_FOUND for an id in the body counts), add it here, or the
 * document and the clients generated from it do not know that answer. A name that is no REST operation fails.
 */
const useCaseErrors: Partial<Record<ProcedurePath, readonly ErrorCode[]>> = {
  "auth.register": ["CONFLICT", "RATE_LIMITED"],
  "auth.login": ["INVALID_CREDENTIALS", "RATE_LIMITED"],
  "auth.me": ["NOT_FOUND"],
  "auth.forgotPassword": ["RATE_LIMITED", "UNAVAILABLE"],
  "auth.resetPassword": ["INVALID_TOKEN", "RATE_LIMITED"],
  "auth.acceptInvitation": ["INVALID_TOKEN", "CONFLICT", "RATE_LIMITED"],
  "auth.invitation": ["RATE_LIMITED"],
  "auth.resetToken": ["RATE_LIMITED"],
  "auth.changePassword": ["NOT_FOUND", "RATE_LIMITED"],
  "auth.updateProfile": ["NOT_FOUND"],
  "users.invite": ["CONFLICT"],
  "invitations.revoke": ["CONFLICT"],
  "users.update": ["PRECONDITION_FAILED"],
  "users.remove": ["PRECONDITION_FAILED"],
  "organizations.update": ["CONFLICT"],
  "contacts.create": ["NOT_FOUND", "CONFLICT"],
  "contacts.update": ["CONFLICT", "PRECONDITION_FAILED"],
  "contacts.remove": ["PRECONDITION_FAILED"],
  "contacts.confirmImport": ["CONFLICT", "PRECONDITION_FAILED"],
  "companies.create": ["CONFLICT"],
  "companies.update": ["CONFLICT", "PRECONDITION_FAILED"],
  "companies.remove": ["PRECONDITION_FAILED"],
  "tags.create": ["CONFLICT"],
  "tags.update": ["CONFLICT"],
  "customFields.create": ["CONFLICT"],
  "pipelines.update": ["CONFLICT"],
  "pipelines.remove": ["CONFLICT"],
  "deals.create": ["NOT_FOUND"],
  "deals.update": ["CONFLICT", "PRECONDITION_FAILED"],
  "deals.remove": ["CONFLICT", "PRECONDITION_FAILED", "PROVIDER_ERROR"],
  "lostReasons.create": ["CONFLICT"],
  "lostReasons.update": ["CONFLICT"],
  "integrations.create": ["CONFLICT", "PROVIDER_ERROR"],
  "integrations.update": ["CONFLICT", "PRECONDITION_FAILED", "PROVIDER_ERROR"],
  "integrations.delete": ["CONFLICT", "UNPROCESSABLE", "PROVIDER_ERROR"],
  "payments.create": ["NOT_FOUND", "UNPROCESSABLE", "RATE_LIMITED", "PROVIDER_ERROR"],
  "payments.refund": [
    "UNPROCESSABLE",
    "REFUND_UNCONFIRMED",
    "RATE_LIMITED",
    "PROVIDER_ERROR",
    "PROVIDER_UNCONFIRMED",
  ],
  "payments.sendLink": ["UNPROCESSABLE"],
  "payments.createAndSendLink": ["NOT_FOUND", "UNPROCESSABLE", "RATE_LIMITED", "PROVIDER_ERROR"],
  "conversations.channels": ["NOT_FOUND"],
  "conversations.create": ["NOT_FOUND", "CONFLICT", "UNPROCESSABLE"],
  "conversations.sendMessage": ["UNPROCESSABLE"],
  "conversations.update": ["PRECONDITION_FAILED"],
  "conversations.remove": ["PRECONDITION_FAILED"],
  "messages.retry": ["CONFLICT", "UNPROCESSABLE"],
};

type Method = "get" | "post" | "patch" | "put" | "delete";

interface OperationFacts {
  procedure: string;
  access: Meta["access"];
  type: string;
  method: NonNullable<Meta["openapi"]>["method"];
  path: string;
  /** trpc-to-openapi documents a 400 exactly when the procedure takes input (an id in the path counts). */
  takesInput: boolean;
}

/**
 * What an operation can answer, from what it is: input is validated (400); a procedure that is not public
 * checks the caller (401, 403), a public mutation the Origin (403); an id in the path may not exist (404);
 * a method with a body has it refused when too large (413) or not JSON (415); anything may fail (500).
 * The rest comes from the use case (`useCaseErrors`).
 */
function errorStatusesOf(facts: OperationFacts): ErrorStatus[] {
  const statuses = new Set<number>([500]);
  if (facts.takesInput) statuses.add(400);
  // 429: an API key over its limit per minute (http/api-key-rate-limit.ts)
  if (facts.access !== "public") statuses.add(401).add(403).add(429);
  else if (facts.type === "mutation") statuses.add(403);
  if (getPathParameters(facts.path).length > 0) statuses.add(404);
  if (acceptsRequestBody(facts.method)) statuses.add(413).add(415);
  for (const code of useCaseErrors[facts.procedure as ProcedurePath] ?? [])
    statuses.add(errorTable[code].http);
  return [...statuses].sort((a, b) => a - b) as ErrorStatus[];
}

/**
 * Replaces trpc-to-openapi's error responses, which describe a body the server never sends (`{ message,
 * code, issues }`, closed) under a fixed set of statuses, with the error body the server sends under each
 * status the operation can answer.
 */
export function withErrorResponses(
  generated: OpenAPIObject,
  router: { _def: { procedures: object } },
): OpenAPIObject {
  const doc = structuredClone(generated);
  const used = new Set<ErrorStatus>();
  const documented = new Set<string>();
  forEachOpenApiProcedure<Meta>(
    router._def.procedures as OpenApiProcedureRecord,
    ({ path: procedure, type, meta }) => {
      const path = normalizePath(meta.openapi.path);
      const operation = doc.paths?.[path]?.[meta.openapi.method.toLowerCase() as Method];
      if (!operation?.responses) throw new Error(`openapi: ${procedure} is not in the generated document`);
      const statuses = errorStatusesOf({
        procedure,
        access: meta.access,
        type,
        method: meta.openapi.method,
        path,
        takesInput: operation.responses["400"] !== undefined,
      });
      operation.responses = { "200": operation.responses["200"] };
      for (const status of statuses) {
        used.add(status);
        operation.responses[status] = errorResponse(status);
      }
      documented.add(procedure);
    },
  );
  const unknown = Object.keys(useCaseErrors).filter((procedure) => !documented.has(procedure));
  if (unknown.length > 0)
    throw new Error(`openapi: useCaseErrors names no REST operation: ${unknown.join(", ")}`);

  const schemas = Object.fromEntries(
    Object.entries(doc.components?.schemas ?? {}).filter(([name]) => !name.startsWith("error.")),
  );
  for (const status of [...used].sort((a, b) => a - b))
    schemas[errorSchemaName(status)] = errorSchema(status);
  doc.components = { ...doc.components, schemas };
  return doc;
}
