import type { OpenAPIObject } from "trpc-to-openapi";
import { type ErrorStatus, errorSchema, errorSchemaName, errorStatuses } from "./openapi-error-schemas";

const coveredMethods = ["post", "patch", "delete"] as const;

const parameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes a retry safe: a unique value (a UUID) per operation, sent again with each retry of it. The first " +
    "request with the key runs; a retry with the same key, method, path and body gets the first answer again, " +
    "with `Idempotent-Replayed: true`, for 24 hours. The key is your API key's (or your user's). A 5xx or 429 " +
    "is not kept: retrying it runs the request.",
  schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x20-\\x7E]+$" },
} as const;

const replayedHeader = {
  description: "`true` when this is the stored answer of an earlier request with the same `Idempotency-Key`",
  schema: { type: "string", enum: ["true"] },
} as const;

/** What each status means for a request with an `Idempotency-Key`, besides what it means otherwise. */
const refusals: Partial<Record<ErrorStatus, string>> = {
  400: "An `Idempotency-Key` that is not 1 to 255 printable ASCII characters",
  409: "A request with this `Idempotency-Key` is still in progress: retry a little later",
  422: "This `Idempotency-Key` was used for a different request (method, path or body)",
};

interface Answer {
  description?: string;
  headers?: Record<string, unknown>;
  content?: unknown;
}

interface Operation {
  security?: unknown[];
  parameters?: unknown[];
  responses?: Record<string, Answer>;
}

/**
 * Documents the optional `Idempotency-Key` header of every POST, PATCH and DELETE made with a credential
 * (http/idempotency.ts).
 */
export function withIdempotencyKey(generated: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(generated);
  const schemas = { ...doc.components?.schemas };
  doc.components = {
    ...doc.components,
    parameters: { ...doc.components?.parameters, IdempotencyKey: parameter },
  };
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const method of coveredMethods) {
      const operation = (methods as Record<string, Operation | undefined>)[method];
      // an operation that takes no credential (signing in) has no caller to keep the key for
      if (!operation || operation.security?.length === 0) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        { $ref: "#/components/parameters/IdempotencyKey" },
      ];
      const responses = operation.responses ?? {};
      const ok = responses["200"];
      if (ok) ok.headers = { ...ok.headers, "Idempotent-Replayed": replayedHeader };
      for (const [status, meaning] of Object.entries(refusals)) {
        const code = Number(status) as ErrorStatus;
        const existing = responses[status];
        if (existing) {
          existing.description = `${existing.description ?? errorStatuses[code].description}; or: ${meaning}`;
          continue;
        }
        responses[status] = {
          description: meaning,
          content: {
            "application/json": { schema: { $ref: `#/components/schemas/${errorSchemaName(code)}` } },
          },
        };
        schemas[errorSchemaName(code)] ??= errorSchema(code);
      }
      operation.responses = responses;
    }
  }
  doc.components.schemas = schemas;
  return doc;
}
