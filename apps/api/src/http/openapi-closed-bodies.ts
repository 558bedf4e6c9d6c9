import {
  forEachOpenApiProcedure,
  getInputOutputParsers,
  instanceofZodTypeObject,
  normalizePath,
  type OpenAPIObject,
  type OpenApiProcedureRecord,
  unwrapZodType,
} from "trpc-to-openapi";
import type { Meta } from "../trpc/init";

type Method = "post" | "patch" | "put" | "delete";

/**
 * A body whose input refuses the fields it does not declare (`strictInput`) is documented as closed
 * (`additionalProperties: false`). trpc-to-openapi says so itself, except for an input with refinements
 * (`POST /integrations`): it rebuilds that object as a plain one to leave out the path's parameters.
 */
export function withClosedBodies(
  generated: OpenAPIObject,
  router: { _def: { procedures: object } },
): OpenAPIObject {
  const doc = structuredClone(generated);
  forEachOpenApiProcedure<Meta>(router._def.procedures as OpenApiProcedureRecord, ({ procedure, meta }) => {
    const input = unwrapZodType(getInputOutputParsers(procedure).inputParser, true);
    if (!instanceofZodTypeObject(input) || input._zod.def.catchall?._zod.def.type !== "never") return;
    const operation =
      doc.paths?.[normalizePath(meta.openapi.path)]?.[meta.openapi.method.toLowerCase() as Method];
    const body = operation?.requestBody;
    const schema = body && "content" in body ? body.content["application/json"]?.schema : undefined;
    if (schema && "type" in schema && schema.type === "object") schema.additionalProperties = false;
  });
  return doc;
}
