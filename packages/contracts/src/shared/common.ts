import { z } from "zod";
import { timestamp } from "./field-formats";

export { timestamp };

/** `Unknown field "phon"; the accepted fields are ...`, read from the object that refused it (extend/omit too). */
function unknownFieldsMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== "unrecognized_keys") return undefined;
  const shape = (issue.inst?._zod.def as { shape?: object } | undefined)?.shape ?? {};
  const accepted = Object.keys(shape).sort();
  const unknown = issue.keys.map((key) => `"${key}"`).join(", ");
  return (
    `Unknown field${issue.keys.length > 1 ? "s" : ""} ${unknown}; ` +
    (accepted.length > 0 ? `the accepted fields are ${accepted.join(", ")}` : "this takes no fields")
  );
}

/**
 * An object a client sends (a mutation's input, an object inside it): a field it does not declare answers 400
 * instead of being dropped, since a typo (`phon`, `expectedCloseDat`) would otherwise change nothing and say so
 * nowhere. Free-form maps (custom field values, provider payloads) are records, not these.
 */
export const strictInput = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.strictObject(shape, { error: unknownFieldsMessage });

export const id = z.uuid().describe("Identifier (UUID)");
export const idInput = strictInput({ id });
export const okOutput = z.object({ ok: z.literal(true) });
export const role = z.enum(["owner", "admin", "agent", "viewer"]).describe("Role in the organization");
