import {
  forEachOpenApiProcedure,
  normalizePath,
  type OpenAPIObject,
  type OpenApiProcedureRecord,
} from "trpc-to-openapi";
import type { Meta } from "../trpc/init";

type Method = "get" | "post" | "patch" | "put" | "delete";

/**
 * trpc-to-openapi marks every operation as needing the bearer token unless its meta says `protect: false`;
 * which procedures are public is declared once, by `publicProcedure` (its `access`), so it is read from there:
 * a public operation needs no credential (`security: []`), and one that uses the caller's when sent (logout,
 * `optionalAuth`) takes it optionally (`[{}, bearer]`).
 */
export function withPublicSecurity(
  generated: OpenAPIObject,
  router: { _def: { procedures: object } },
): OpenAPIObject {
  const doc = structuredClone(generated);
  const schemes = Object.keys(doc.components?.securitySchemes ?? {}).map((name) => ({ [name]: [] }));
  forEachOpenApiProcedure<Meta>(router._def.procedures as OpenApiProcedureRecord, ({ meta }) => {
    if (meta.access !== "public") return;
    const operation =
      doc.paths?.[normalizePath(meta.openapi.path)]?.[meta.openapi.method.toLowerCase() as Method];
    if (operation) operation.security = meta.optionalAuth ? [{}, ...schemes] : [];
  });
  return doc;
}
