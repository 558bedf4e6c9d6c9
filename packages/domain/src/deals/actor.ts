import type { Actor } from "../auth/model";

/** The user to credit with an activity; API keys act for no user. */
export const actingUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);
