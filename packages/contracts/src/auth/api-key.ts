import { z } from "zod";
import { id, role, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const apiKey = z.object({
  id,
  name: z.string(),
  prefix: z.string().describe("First characters of the key, to recognise it"),
  role,
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export const apiKeyPage = pageOf(apiKey);
export const listApiKeysInput = z.object({ ...pageInput });

/** What any member may know of a key: its name, to say which integration wrote an activity or a message. */
export const apiKeyName = z.object({
  id,
  name: z.string(),
  revoked: z.boolean().describe("Revoked keys are listed too: their past writes still name them"),
});
export const apiKeyNamePage = pageOf(apiKeyName);
export const createApiKeyInput = strictInput({
  name: z.string().max(100).describe("What the key is for"),
  role: role.describe("What the key may do, as a user of this role"),
});
export const createdApiKey = z.object({
  apiKey,
  secret: z.string().describe("The key itself. Shown only once: store it now."),
});
