import type { Actor } from "../auth/model";
import type { DomainEvent } from "../shared/events";
import type { ContactChangeKind } from "./model";
import type { AuditLogEntry, ContactsDeps } from "./ports";

export interface ContactUpdatedPayload {
  contactId: string;
  change: ContactChangeKind;
  /** On a merge: the contact that was merged into `contactId` and deleted. */
  mergedFromId?: string;
}

export type ContactUpdatedEvent = DomainEvent<"contact_updated", ContactUpdatedPayload>;

/** Publishes one `contact_updated` per change; call it only after the transaction has committed. */
export async function publishContactChanges(
  deps: Pick<ContactsDeps, "events" | "clock">,
  organizationId: string,
  changes: ContactUpdatedPayload[],
): Promise<void> {
  const occurredAt = deps.clock.now().toISOString();
  for (const payload of changes) {
    const event: ContactUpdatedEvent = { type: "contact_updated", organizationId, payload, occurredAt };
    await deps.events.publish(event);
  }
}

export const auditActor = (actor: Actor): Pick<AuditLogEntry, "actorType" | "actorId"> =>
  actor.kind === "user"
    ? { actorType: "user", actorId: actor.userId }
    : { actorType: "api_key", actorId: actor.apiKeyId };
