import type { AnyTRPCRouter } from "@trpc/server";

/** The part of a zod (v4) schema this module reads: its definition. */
interface SchemaDefinition {
  type: string;
  coerce?: boolean;
  [key: string]: unknown;
}

const coercible = new Set(["number", "boolean", "bigint", "date"]);

/** Where a definition keeps the schemas inside it (an object's fields, an optional's inner type, ...). */
const singleChildKeys = [
  "innerType",
  "element",
  "in",
  "out",
  "left",
  "right",
  "keyType",
  "valueType",
  "catchall",
  "rest",
];
const listChildKeys = ["options", "items"];

function childrenOf(def: SchemaDefinition): unknown[] {
  const children: unknown[] = singleChildKeys.map((key) => def[key]);
  for (const key of listChildKeys) if (Array.isArray(def[key])) children.push(...(def[key] as unknown[]));
  if (def.type === "object") children.push(...Object.values(def.shape as object));
  if (def.type === "lazy") children.push((def.getter as () => unknown)());
  return children;
}

/** Definitions already visited, by this app or an earlier one in the same process (tests build several). */
const seen = new WeakSet<SchemaDefinition>();

const definitionOf = (schema: unknown): SchemaDefinition | undefined => {
  const zod = (schema as { _zod?: { def?: SchemaDefinition } } | null)?._zod;
  return zod?.def && typeof zod.def.type === "string" ? zod.def : undefined;
};

/**
 * Makes the procedures' input schemas keep the coercion they were written with.
 *
 * trpc-to-openapi turns on coercion (`def.coerce = true`) in every number, boolean, bigint and date of a REST
 * call's input, request bodies included, and in place: the schemas are the ones tRPC validates with too. A JSON
 * `"false"` then passes as `true` and `[30]` as 30, on REST and, after the first REST call, on tRPC. Where the
 * contracts want a query string's text read as a number they say so (`z.coerce.number()`), and booleans in query
 * strings are `"true" | "false"` unions, so nothing needs the library's coercion.
 */
export function keepDeclaredCoercion(router: AnyTRPCRouter): void {
  const visit = (schema: unknown): void => {
    const def = definitionOf(schema);
    if (!def || seen.has(def)) return;
    seen.add(def);
    if (coercible.has(def.type)) {
      const declared = def.coerce === true;
      Object.defineProperty(def, "coerce", { get: () => declared, set: () => {}, enumerable: true });
    }
    for (const child of childrenOf(def)) visit(child);
  };
  const procedures = router._def.procedures as Record<string, { _def: { inputs?: unknown[] } }>;
  for (const procedure of Object.values(procedures))
    for (const input of procedure._def.inputs ?? []) visit(input);
}
