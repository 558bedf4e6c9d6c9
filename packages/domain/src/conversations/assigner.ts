import type { Actor } from "../auth/model";

/**
 * Who assigned a conversation: a user, or an API key (then `assignedBy` stays null, as it always was, and
 * `assignedByApiKeyId` names the key; users' assignments carry no such field).
 */
export interface Assigner {
  assignedBy: string | null;
  assignedByApiKeyId?: string;
}

export const assignerOf = (actor: Actor): Assigner =>
  actor.kind === "user"
    ? { assignedBy: actor.userId }
    : { assignedBy: null, assignedByApiKeyId: actor.apiKeyId };
