import { looksLikeApiKey } from "./api-keys";
import type { Actor } from "./model";
import type { AuthDeps } from "./ports";

export type CallerIdentity =
  | { kind: "user"; userId: string; organizationId: string }
  | { kind: "apiKey"; apiKeyId: string; organizationId: string };

/**
 * Whose a session token or an API key is, read without changing anything: no sliding expiry, no removal of an
 * expired session, no "last used". For what must be keyed by caller before the request is authenticated for
 * real (which then still decides what it may do, and answers a dead credential as it always does).
 */
export async function identifyCaller(
  deps: Pick<AuthDeps, "store" | "tokens" | "clock" | "credentials">,
  token: string,
): Promise<CallerIdentity | undefined> {
  const hash = deps.tokens.hash(token);
  const now = deps.clock.now();
  const recalled: Actor | undefined = deps.credentials.recall(hash, now);
  if (recalled) return recalled;
  if (looksLikeApiKey(token)) {
    const apiKey = await deps.store.apiKeys.findActiveByHash(hash);
    return apiKey && { kind: "apiKey", apiKeyId: apiKey.id, organizationId: apiKey.organizationId };
  }
  const session = await deps.store.sessions.findWithRole(hash);
  if (!session || session.expiresAt.getTime() <= now.getTime()) return undefined;
  return { kind: "user", userId: session.userId, organizationId: session.organizationId };
}
