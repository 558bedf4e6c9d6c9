import { z } from "zod";

export const id = z.uuid().describe("Identifier (UUID)");
export const idInput = z.object({ id });
export const timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601 timestamp");
export const okOutput = z.object({ ok: z.literal(true) });
export const role = z.enum(["owner", "admin", "agent", "viewer"]).describe("Role in the organization");
