import { DomainError } from "../shared/errors";
import type { Actor, Session } from "./model";
import { sessionLifetimeMs, sessionRenewThresholdMs } from "./policy";
import type { AuthDeps, AuthRepos } from "./ports";

export interface ClientInfo {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

export interface IssuedSession {
  token: string;
  session: Session;
}

export async function issueSession(
  deps: Pick<AuthDeps, "tokens" | "clock">,
  repos: Pick<AuthRepos, "sessions">,
  owner: { userId: string; organizationId: string },
  client: ClientInfo = {},
): Promise<IssuedSession> {
  const token = deps.tokens.generate();
  const session: Session = {
    id: deps.tokens.hash(token),
    userId: owner.userId,
    organizationId: owner.organizationId,
    expiresAt: new Date(deps.clock.now().getTime() + sessionLifetimeMs),
  };
  await repos.sessions.create({ ...session, ...client });
  return { token, session };
}

/** Resolves a session token to its actor, or undefined; see `checkSession`. */
export async function authenticateSession(deps: AuthDeps, token: string): Promise<Actor | undefined> {
  const checked = await checkSession(deps, token);
  return checked === "expired" ? undefined : checked;
}

/**
 * Resolves a session token to its actor, sliding the expiry forward when the session is half used. Every
 * authenticated request comes through here: a recently read session is recalled from the credential cache
 * until its renewal is due, so the store is asked once per session every few seconds, not on each request.
 * A session found expired is removed and answered "expired" (that once: afterwards it is unknown).
 */
export async function checkSession(deps: AuthDeps, token: string): Promise<Actor | "expired" | undefined> {
  const sessionId = deps.tokens.hash(token);
  const now = deps.clock.now();
  const recalled = deps.credentials.recall(sessionId, now);
  if (recalled) return recalled;
  const generation = deps.credentials.generation();
  const session = await deps.store.sessions.findWithRole(sessionId);
  if (!session) return undefined;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await deps.store.sessions.remove(sessionId);
    return "expired";
  }
  let expiresAt = session.expiresAt;
  if (expiresAt.getTime() - now.getTime() < sessionRenewThresholdMs) {
    expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    await deps.store.sessions.extend(sessionId, expiresAt, now);
  }
  const actor: Actor = {
    kind: "user",
    userId: session.userId,
    organizationId: session.organizationId,
    role: session.role,
    sessionId,
  };
  const renewalDue = new Date(expiresAt.getTime() - sessionRenewThresholdMs);
  deps.credentials.remember(sessionId, actor, { generation, now, until: renewalDue });
  return actor;
}

/** Replaces the current session by a new one (new token, full lifetime); the old token stops working. */
export async function refreshSession(
  deps: AuthDeps,
  actor: Actor,
  client: ClientInfo = {},
): Promise<IssuedSession> {
  if (actor.kind !== "user") {
    throw new DomainError("FORBIDDEN", "API keys have no session to refresh");
  }
  const issued = await deps.store.transaction(async (repos) => {
    await repos.sessions.remove(actor.sessionId);
    return issueSession(deps, repos, actor, client);
  });
  await deps.credentials.revokeAll();
  return issued;
}

export async function logout(deps: AuthDeps, actor: Actor): Promise<void> {
  if (actor.kind !== "user") return;
  await deps.store.sessions.remove(actor.sessionId);
  await deps.credentials.revokeAll();
  await publishSessionEnded(deps, actor, actor.sessionId, "logged_out");
}

/**
 * What ended sessions on purpose: a logout ends one, a password reset all of the user's, a password change or
 * "sign out other sessions" all but the caller's.
 */
export type SessionEndCause = "logged_out" | "password_reset" | "password_changed" | "signed_out_elsewhere";

/**
 * Tells the open connections of the session (`sessionId`), or of all the user's sessions (null), at once and on
 * every replica: they end, saying why, instead of at their next event. Published once the sessions are gone.
 */
export async function publishSessionEnded(
  deps: Pick<AuthDeps, "events" | "clock">,
  owner: { userId: string; organizationId: string },
  sessionId: string | null,
  reason: SessionEndCause,
): Promise<void> {
  await deps.events.publish({
    type: "session_ended",
    organizationId: owner.organizationId,
    payload: { userId: owner.userId, sessionId, reason },
    occurredAt: deps.clock.now().toISOString(),
  });
}
