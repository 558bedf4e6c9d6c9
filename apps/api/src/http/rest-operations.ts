import {
  forEachOpenApiProcedure,
  getPathRegExp,
  normalizePath,
  type OpenAPIObject,
  type OpenApiProcedureRecord,
} from "trpc-to-openapi";
import type { Meta } from "../trpc/init";
import { appRouter } from "../trpc/root";

/* Which operation a REST request names, matched as trpc-to-openapi matches it (its node-http/procedures.js). */

interface Route {
  method: string;
  pattern: RegExp;
}

let procedures: Array<Route & { procedure: string }> | undefined;

/** The procedure trpc-to-openapi runs for this method and path (the path without `/api/v1`). */
export function procedureAt(method: string, path: string): string | undefined {
  if (!procedures) {
    const found: Array<Route & { procedure: string }> = [];
    forEachOpenApiProcedure<Meta>(
      appRouter._def.procedures as OpenApiProcedureRecord,
      ({ path: procedure, meta }) => {
        const pattern = getPathRegExp(normalizePath(meta.openapi.path));
        found.push({ method: meta.openapi.method, pattern, procedure });
      },
    );
    procedures = found;
  }
  const normalized = normalizePath(path);
  return procedures.find((route) => route.method === method && route.pattern.test(normalized))?.procedure;
}

const documentedMethods = ["get", "post", "put", "patch", "delete"] as const;

const routesCache = new WeakMap<OpenAPIObject, Route[]>();

/**
 * The methods the document offers at this path (raw routes included), in the order of an `Allow` header;
 * empty for a path it does not know.
 */
export function methodsAt(document: OpenAPIObject, path: string): string[] {
  let routes = routesCache.get(document);
  if (!routes) {
    routes = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
      documentedMethods
        .filter((method) => (item as Record<string, unknown>)[method] !== undefined)
        .map((method) => ({ method: method.toUpperCase(), pattern: getPathRegExp(normalizePath(template)) })),
    );
    routesCache.set(document, routes);
  }
  const normalized = normalizePath(path);
  const allowed = new Set(routes.filter((route) => route.pattern.test(normalized)).map((r) => r.method));
  return documentedMethods.map((method) => method.toUpperCase()).filter((method) => allowed.has(method));
}
