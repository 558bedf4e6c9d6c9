import type { Actor } from "@crm/domain/auth/model";
import type { Container } from "../container";

/**
 * Who a long-lived connection's user is now: a signed-out or removed user stops receiving, a changed role
 * applies. API keys are checked when they connect only.
 */
export async function revalidateActor(container: Container, actor: Actor): Promise<Actor | null> {
  if (actor.kind !== "user") return actor;
  const { store, clock } = container.auth;
  const session = await store.sessions.findWithRole(actor.sessionId);
  if (!session || session.expiresAt.getTime() <= clock.now().getTime()) return null;
  return { ...actor, role: session.role };
}
