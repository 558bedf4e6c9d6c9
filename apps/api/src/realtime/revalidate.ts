import type { SessionEndReason } from "@crm/contracts/realtime/events";
import type { Actor } from "@crm/domain/auth/model";
import type { Container } from "../container";

/**
 * Who a long-lived connection's actor is now: a signed-out or removed user, or a revoked API key, stops
 * receiving; a changed role applies.
 */
export async function revalidateActor(container: Container, actor: Actor): Promise<Actor | null> {
  const { store, clock } = container.auth;
  if (actor.kind === "apiKey") {
    const apiKey = await store.apiKeys.findActiveById(actor.organizationId, actor.apiKeyId);
    return apiKey ? { ...actor, role: apiKey.role } : null;
  }
  const session = await store.sessions.findWithRole(actor.sessionId);
  if (!session || session.expiresAt.getTime() <= clock.now().getTime()) return null;
  return { ...actor, role: session.role };
}

/** Why a connection's credential is gone, told to the client as it ends: removed, role changed, or signed out. */
export async function whySessionEnded(container: Container, actor: Actor): Promise<SessionEndReason> {
  if (actor.kind !== "user") return "signed_out";
  const user = await container.auth.store.users.findById(actor.organizationId, actor.userId);
  if (!user) return "removed";
  return user.role === actor.role ? "signed_out" : "role_changed";
}
