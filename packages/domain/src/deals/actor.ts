import { actingApiKeyId } from "../auth/actor";
import type { Actor } from "../auth/model";
import type { DealActivity } from "./model";

/** The user to credit with an activity; API keys act for no user. */
export const actingUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);

/** Who an activity is credited to: the user, or the API key, that made the change. */
export const activityActor = (actor: Actor): Pick<DealActivity, "actorId" | "apiKeyId"> => ({
  actorId: actingUserId(actor),
  apiKeyId: actingApiKeyId(actor),
});
