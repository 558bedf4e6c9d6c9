import type { Actor } from "./model";

/** The API key to credit with a write; null when a user (or the system) made it. */
export const actingApiKeyId = (actor: Actor): string | null =>
  actor.kind === "apiKey" ? actor.apiKeyId : null;
