import type { OpenAPIObject } from "trpc-to-openapi";

interface Answer {
  description?: string;
  headers?: Record<string, unknown>;
}

interface Operation {
  security?: unknown[];
  parameters?: unknown[];
  responses?: Record<string, Answer>;
}

const methods = ["get", "post", "patch", "put", "delete"] as const;

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** The headers http/api-key-rate-limit.ts sends on every answer to a request made with an API key. */
const rateLimitHeaders = {
  "RateLimit-Limit": {
    description: "With an API key: the requests it may make per minute",
    schema: { type: "integer", minimum: 1 },
  },
  "RateLimit-Remaining": {
    description: "With an API key: the requests it has left in the current minute",
    schema: { type: "integer", minimum: 0 },
  },
  "RateLimit-Reset": {
    description: "With an API key: seconds until the current minute's count starts again",
    schema: { type: "integer", minimum: 0 },
  },
} as const;

const retryAfter = {
  description: "Seconds to wait before trying again",
  schema: { type: "integer", minimum: 1 },
} as const;

const componentName = (header: string) => header.replaceAll("-", "");

const ifNoneMatch = {
  name: "If-None-Match",
  in: "header",
  required: false,
  description:
    "The ETag of the copy you hold: when the answer would be the same (the record and what it shows of other " +
    "records, such as its company's or contact's name, unchanged) it is a 304 without a body (compared weakly: " +
    "`W/` is ignored)",
  schema: { type: "string" },
} as const;

/**
 * The response headers trpc-to-openapi cannot know: the RateLimit-* headers on every answer of an operation an
 * API key can call, `Retry-After` on every 429 and 503, and on a GET that answers an ETag, the `If-None-Match` it takes
 * and the 304 it answers then.
 */
export function withResponseHeaders(generated: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(generated);
  const headers: Record<string, unknown> = { ...doc.components?.headers, RetryAfter: retryAfter };
  for (const [name, header] of Object.entries(rateLimitHeaders)) headers[componentName(name)] = header;
  doc.components = { ...doc.components, headers: headers as never };

  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of methods) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation?.responses) continue;
      const counted = operation.security?.length !== 0;
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (counted) {
          answer.headers = { ...answer.headers };
          for (const name of Object.keys(rateLimitHeaders)) answer.headers[name] = ref(componentName(name));
        }
        if (status === "429" || status === "503")
          answer.headers = { ...answer.headers, "Retry-After": ref("RetryAfter") };
      }
      const ok = operation.responses["200"];
      if (method === "get" && ok?.headers?.ETag) {
        operation.parameters = [...(operation.parameters ?? []), ifNoneMatch];
        operation.responses["304"] = {
          description: "Not modified: the answer would be the very one whose ETag `If-None-Match` names",
          headers: { ETag: ok.headers.ETag },
        };
      }
    }
  }
  return doc;
}
