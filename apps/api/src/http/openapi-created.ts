import {
  forEachOpenApiProcedure,
  normalizePath,
  type OpenAPIObject,
  type OpenApiProcedureRecord,
} from "trpc-to-openapi";
import type { Meta } from "../trpc/init";
import { createdResources } from "./created-resources";
import type { ProcedurePath } from "./openapi-errors";

type Operation = NonNullable<NonNullable<OpenAPIObject["paths"]>[string]["post"]>;

/**
 * The creates of http/created-resources.ts answer 201, not the 200 trpc-to-openapi documents for every
 * operation, with a `Location` where the new resource has a GET of its own. A create that is no POST operation,
 * or a `Location` no GET of the document answers, fails here rather than in a client.
 */
export function withCreatedResponses(
  generated: OpenAPIObject,
  router: { _def: { procedures: object } },
): OpenAPIObject {
  const doc = structuredClone(generated);
  const seen = new Set<string>();
  forEachOpenApiProcedure<Meta>(router._def.procedures as OpenApiProcedureRecord, ({ path, meta }) => {
    const readable = createdResources[path as ProcedurePath];
    if (readable === undefined) return;
    const operation: Operation | undefined = doc.paths?.[normalizePath(meta.openapi.path)]?.post;
    const ok = operation?.responses?.["200"];
    if (!operation?.responses || !ok)
      throw new Error(`openapi: ${path} creates, but is no POST answering 200`);
    if (readable && !doc.paths?.[readable.path]?.get)
      throw new Error(`openapi: ${path}'s Location ${readable.path} is no GET operation`);
    const { "200": _ok, ...others } = operation.responses;
    const created = { ...ok, description: `Created. ${ok.description ?? ""}`.trim() };
    if (readable) {
      created.headers = {
        ...created.headers,
        Location: {
          description: `Where the new resource is read: \`GET ${readable.path}\` (a path on this server)`,
          schema: {
            type: "string",
            example: `/api/v1${readable.path.replace("{id}", "0b5e7c1e-8c1a-4a5e-9a3f-2d3c4b5a6f70")}`,
          },
        },
      };
    }
    operation.responses = { "201": created, ...others };
    seen.add(path);
  });
  const missing = Object.keys(createdResources).filter((procedure) => !seen.has(procedure));
  if (missing.length > 0) throw new Error(`openapi: createdResources names no REST operation: ${missing}`);
  return doc;
}
