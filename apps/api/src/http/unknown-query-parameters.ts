import { DomainError } from "@crm/domain";
import type { MiddlewareHandler } from "hono";
import type { OpenAPIObject } from "trpc-to-openapi";
import { restErrorResponse } from "./rest-error";

interface ReadOperation {
  path: string;
  pattern: RegExp;
  /** Path parameters, the fewer the more specific: `/contacts/imports` before `/contacts/{id}`. */
  variables: number;
  query: Set<string>;
}

const parameterName = (parameter: unknown) => {
  const { in: where, name } = parameter as { in?: string; name?: string };
  return where === "query" && typeof name === "string" ? name : undefined;
};

/** Each GET operation of the document with the query parameters it declares. */
export function readOperations(document: OpenAPIObject): ReadOperation[] {
  const operations: ReadOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const get = (item as { get?: { parameters?: unknown[] } }).get;
    if (!get) continue;
    const names = (get.parameters ?? []).map(parameterName).filter((name) => name !== undefined);
    const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+");
    operations.push({
      path,
      pattern: new RegExp(`^${source}/?$`),
      variables: (path.match(/\{/g) ?? []).length,
      query: new Set(names),
    });
  }
  return operations.sort((a, b) => a.variables - b.variables);
}

/**
 * A query parameter an operation does not declare answers 400 instead of being ignored: `?Status=won` (a typo of
 * `status`) would otherwise list every deal, unfiltered, as if the filter had been applied.
 */
export function refuseUnknownQueryParameters(
  document: () => OpenAPIObject,
  basePath: string,
): MiddlewareHandler {
  let operations: ReadOperation[] | undefined;
  return async (c, next) => {
    if (c.req.method !== "GET") return next();
    const url = new URL(c.req.url);
    if (url.search === "") return next();
    operations ??= readOperations(document());
    const path = url.pathname.slice(basePath.length);
    const operation = operations.find((candidate) => candidate.pattern.test(path));
    // an unknown path is the handler's 404
    if (!operation) return next();
    const unknown = [...new Set(url.searchParams.keys())].filter((name) => !operation.query.has(name));
    if (unknown.length === 0) return next();
    const known = [...operation.query].sort();
    const message =
      `Unknown query parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `"${name}"`).join(", ")}` +
      (known.length > 0
        ? `: GET ${operation.path} takes ${known.join(", ")}`
        : `: GET ${operation.path} takes none`);
    const fieldErrors = Object.fromEntries(
      unknown.map((name) => [name, [`Unknown query parameter "${name}"`]]),
    );
    return restErrorResponse(new DomainError("VALIDATION_FAILED", message, { fieldErrors }), operation.path);
  };
}
