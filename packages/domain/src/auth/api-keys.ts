import { DomainError, notFound } from "../shared/errors";
import type { Role } from "../shared/permissions";
import { assertMayGrant } from "./invitations";
import type { Actor, ApiKey } from "./model";
import type { AuthDeps } from "./ports";
import { requireText } from "./register";

export const apiKeyPrefix = "crm_";

const apiKeyTouchIntervalMs = 60_000;

export const looksLikeApiKey = (token: string) => token.startsWith(apiKeyPrefix);

/** The secret is returned once; only its hash is kept. */
export async function createApiKey(
  deps: AuthDeps,
  actor: Actor,
  input: { name: string; role: Role },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const name = requireText(input.name, "name", 100);
  assertMayGrant(actor, input.role);
  const secret = `${apiKeyPrefix}${deps.tokens.generate()}`;
  const apiKey = await deps.store.apiKeys.create({
    organizationId: actor.organizationId,
    name,
    role: input.role,
    keyHash: deps.tokens.hash(secret),
    prefix: secret.slice(0, 12),
    createdBy: actor.kind === "user" ? actor.userId : null,
  });
  return { apiKey, secret };
}

/**
 * Revoking takes the same right as granting: an admin cannot revoke an owner's key. It is idempotent, as an
 * invitation's: a revoked key is answered as it is, with the time it was first revoked.
 */
export async function revokeApiKey(deps: AuthDeps, actor: Actor, id: string): Promise<ApiKey> {
  const apiKey = await deps.store.apiKeys.findById(actor.organizationId, id);
  if (!apiKey) throw notFound("API key");
  assertMayGrant(actor, apiKey.role);
  if (apiKey.revokedAt) return apiKey;
  const revoked = await deps.store.apiKeys.revoke(actor.organizationId, id, deps.clock.now());
  if (!revoked) throw notFound("API key");
  await deps.credentials.revokeAll();
  return revoked;
}

export async function authenticateApiKey(deps: AuthDeps, secret: string): Promise<Actor | undefined> {
  const keyHash = deps.tokens.hash(secret);
  const now = deps.clock.now();
  const recalled = deps.credentials.recall(keyHash, now);
  if (recalled) return recalled;
  const generation = deps.credentials.generation();
  const apiKey = await deps.store.apiKeys.findActiveByHash(keyHash);
  if (!apiKey) return undefined;
  // "last used" is shown to people: refreshing it once a minute spares a write on every request
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() >= apiKeyTouchIntervalMs) {
    await deps.store.apiKeys.touch(apiKey.id, now);
  }
  const actor: Actor = {
    kind: "apiKey",
    apiKeyId: apiKey.id,
    organizationId: apiKey.organizationId,
    role: apiKey.role,
  };
  deps.credentials.remember(keyHash, actor, { generation, now });
  return actor;
}

export const apiKeyCannotDoThis = () =>
  new DomainError("USER_REQUIRED", "This action needs a signed-in user, not an API key");
