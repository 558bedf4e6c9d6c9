import { strictInput } from "@crm/contracts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "./root";

interface Definition {
  type: string;
  shape?: Record<string, unknown>;
  catchall?: { _zod: { def: Definition } };
  [key: string]: unknown;
}

const definitionOf = (schema: unknown) => (schema as { _zod?: { def?: Definition } } | null)?._zod?.def;

/** Where a definition keeps the schemas inside it, other than an object's fields. */
const childKeys = [
  "innerType",
  "element",
  "in",
  "out",
  "left",
  "right",
  "valueType",
  "options",
  "items",
  "rest",
];

/** The paths of the objects in `schema` that would drop a field they do not declare (records are maps: fine). */
function openObjects(schema: unknown, path = "_", found: string[] = []): string[] {
  const def = definitionOf(schema);
  if (!def) return found;
  if (def.type === "object") {
    if (def.catchall?._zod.def.type !== "never") found.push(path);
    for (const [key, field] of Object.entries(def.shape ?? {}))
      openObjects(field, path === "_" ? key : `${path}.${key}`, found);
    return found;
  }
  for (const key of childKeys) {
    const child = def[key];
    for (const each of Array.isArray(child) ? child : [child]) openObjects(each, path, found);
  }
  return found;
}

describe("mutation inputs", () => {
  it("finds an object that drops unknown fields, however deep, and leaves records alone", () => {
    expect(openObjects(z.object({ a: z.string() }).optional())).toEqual(["_"]);
    expect(openObjects(strictInput({ value: z.object({ amount: z.string() }).nullable() }))).toEqual([
      "value",
    ]);
    expect(openObjects(strictInput({ stages: z.array(z.object({})) }))).toEqual(["stages"]);
    expect(openObjects(strictInput({ metadata: z.record(z.string(), z.string()) }))).toEqual([]);
  });

  it("refuse fields they do not declare, at every level, in every mutation", () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { type: string; inputs: unknown[] } }
    >;
    const mutations = Object.entries(procedures).filter(
      ([, procedure]) => procedure._def.type === "mutation",
    );
    expect(mutations.length).toBeGreaterThan(50);
    const open = mutations.flatMap(([name, procedure]) =>
      procedure._def.inputs.flatMap((input) => openObjects(input).map((path) => `${name}: ${path}`)),
    );
    // use strictInput from @crm/contracts for the object (and any object inside it)
    expect(open).toEqual([]);
  });
});
