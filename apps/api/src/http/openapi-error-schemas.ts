import { errorTable } from "@crm/domain";
import type { OpenAPIObject } from "trpc-to-openapi";

type Schema = NonNullable<NonNullable<OpenAPIObject["components"]>["schemas"]>[string];

/** The statuses an /api/v1 operation may answer with an error, each with its tRPC codes and what it means. */
export const errorStatuses = {
  400: {
    codes: ["BAD_REQUEST", "PARSE_ERROR"],
    description:
      "Invalid input: `data.fieldErrors` names the fields (an input that fails its schema also has zod's " +
      "`issues`); a body that is not JSON is `PARSE_ERROR`",
  },
  401: { codes: ["UNAUTHORIZED"], description: "Not signed in, or wrong email or password" },
  403: {
    codes: ["FORBIDDEN"],
    description:
      "Not allowed: the role, an API key where a signed-in user is needed, or an Origin not allowed",
  },
  404: { codes: ["NOT_FOUND"], description: "Not found (another organization's ids too)" },
  409: {
    codes: ["CONFLICT"],
    description:
      "Conflicts with what exists (a duplicate, a taken name): `data.existingId` names it when known; " +
      "`REFUND_UNCONFIRMED`: an earlier refund of the payment awaits the provider's confirmation " +
      "(PROVIDER_UNCONFIRMED) and is settled automatically within minutes; refund again only after that",
  },
  412: {
    codes: ["PRECONDITION_FAILED"],
    description:
      "A precondition failed: the last owner, or a record changed since the version in If-Match or " +
      "expectedUpdatedAt (nothing written; the ETag header is its current version)",
  },
  413: { codes: ["PAYLOAD_TOO_LARGE"], description: "The request body is too large" },
  415: { codes: ["UNSUPPORTED_MEDIA_TYPE"], description: "The request body is not `application/json`" },
  422: {
    codes: ["UNPROCESSABLE_CONTENT"],
    description: "Valid, but it cannot be done in the current state (e.g. WhatsApp's 24-hour window)",
  },
  429: {
    codes: ["TOO_MANY_REQUESTS"],
    description:
      "Too many attempts, an API key over its limit per minute, or a payment provider throttling the CRM: " +
      "retry after `data.retryAfterSeconds` (also the Retry-After header)",
  },
  500: {
    codes: ["INTERNAL_SERVER_ERROR"],
    description: "An unexpected failure: the message says only that (the cause is in the server's log)",
  },
  502: {
    codes: ["BAD_GATEWAY"],
    description:
      "The provider (payments, channel) refused or could not be reached; `PROVIDER_UNCONFIRMED`: it gave no " +
      "clear answer to a refund it may have made, which is settled automatically within minutes (do not retry)",
  },
  503: {
    codes: ["SERVICE_UNAVAILABLE"],
    description:
      "What the request needs is out of reach for now (the email queue): nothing was done; try again after " +
      "`data.retryAfterSeconds` (also the Retry-After header)",
  },
} as const satisfies Record<number, { codes: readonly string[]; description: string }>;

export type ErrorStatus = keyof typeof errorStatuses;

export const errorSchemaName = (status: ErrorStatus) => `error.${errorStatuses[status].codes[0]}`;

/** An operation's answer with this error status: the error body of that status, by reference. */
export const errorResponse = (status: ErrorStatus) => ({
  description: errorStatuses[status].description,
  content: {
    "application/json": { schema: { $ref: `#/components/schemas/${errorSchemaName(status)}` } },
  },
});

const nullable = <T extends "string" | "integer" | "object">(type: T) => ({
  type: [type, "null"] as [T, "null"],
});

/**
 * The domain's codes answered with this status (trpc/errors.ts maps them through the one table). A 500 may
 * carry any: a domain error or a zod one raised where it is not expected becomes an internal error with its code.
 */
const appCodes = (status: ErrorStatus): string[] =>
  Object.entries(errorTable)
    .filter(([, mapping]) => status === 500 || mapping.http === status)
    .map(([code]) => code);

/** What the error formatter (trpc/init.ts, trpc/errors.ts) puts in `data`: every key, null when it does not apply. */
function formatterData(status: ErrorStatus, codes: readonly string[]): Schema {
  return {
    type: "object",
    required: ["code", "httpStatus", "path", "appCode", "fieldErrors", "retryAfterSeconds", "existingId"],
    properties: {
      code: { type: "string", enum: [...codes] },
      httpStatus: { type: "integer", const: status },
      path: { type: "string", description: "The procedure, as the tRPC client names it" },
      appCode: {
        ...nullable("string"),
        enum: [...appCodes(status), null],
        description: "The application's error code, for clients to branch on; null only for a 500",
      },
      fieldErrors: {
        ...nullable("object"),
        additionalProperties: { type: "array", items: { type: "string" } },
        description:
          'Messages by field (`"config.phoneNumberId"` for a nested one, `"_"` for the whole input)',
      },
      retryAfterSeconds:
        status === 429 || status === 503
          ? { type: "integer", minimum: 1, description: "Seconds until the next attempt is allowed" }
          : { ...nullable("integer") },
      existingId: {
        ...nullable("string"),
        description: "With a 409: the id of the record the request collided with, when it is known",
      },
      fieldReasons: {
        type: "object",
        additionalProperties: { type: "string" },
        description:
          "Only with some 400s (every field an input's schema refused, some a use case refused): a stable code by " +
          'field saying why, to word in your language (`{ "title": "too_long", "phone": "missing_area_code" }`)',
      },
    },
    // open: the formatter may tell more one day, and a client should not break on it
    additionalProperties: true,
  };
}

/** A zod issue of an input that failed its schema: the keys after `code` depend on the check. */
const zodIssue: Schema = {
  type: "object",
  required: ["code", "path", "message"],
  properties: {
    code: { type: "string", description: "zod's issue code, e.g. invalid_type, invalid_format, too_small" },
    path: { type: "array", items: { type: ["string", "integer"] } },
    message: { type: "string" },
  },
  additionalProperties: true,
};

/**
 * The body of an error answer with this status, as the REST adapter writes it: the formatted tRPC error
 * shape, its `code` the tRPC code name (trpc-to-openapi's node-http/core.js), and `issues` only when the
 * input failed its schema. A body too large, refused before any procedure runs (http/api-body-limit.ts), is
 * formatted the same way.
 */
export function errorSchema(status: ErrorStatus): Schema {
  const { codes, description } = errorStatuses[status];
  const data: Schema = formatterData(status, codes);
  return {
    type: "object",
    title: `Error (${status})`,
    description,
    required: ["message", "code", "data"],
    properties: {
      message: { type: "string", description: "For people; branch on `data.appCode` or `code` instead" },
      code: { type: "string", enum: [...codes], description: "The tRPC error code" },
      data,
      ...(status === 400 ? { issues: { type: "array", items: zodIssue } } : {}),
    },
    additionalProperties: false,
  };
}

/** `Error`: the body of any error answer, one of the per-status schemas the document uses. */
export function withAnyErrorSchema(generated: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(generated);
  const schemas = { ...doc.components?.schemas };
  const names = (Object.keys(errorStatuses).map(Number) as ErrorStatus[])
    .map(errorSchemaName)
    .filter((name) => name in schemas);
  schemas.Error = {
    description:
      "Any error answer: the schema of each status (error.BAD_REQUEST, error.NOT_FOUND, ...) tells its `code`s",
    anyOf: names.map((name) => ({ $ref: `#/components/schemas/${name}` })),
  };
  doc.components = { ...doc.components, schemas };
  return doc;
}
