import { DomainError } from "../shared/errors";
import { authenticateApiKey, looksLikeApiKey } from "./api-keys";
import type { Actor } from "./model";
import type { AuthDeps } from "./ports";
import { checkSession } from "./sessions";

/**
 * Why a credential that was sent proves nothing, when that is worth telling the caller. An unknown and a
 * revoked API key read the same, so nothing tells whether a key ever existed; an unknown session token (signed
 * out, or garbage) is told nothing more than a request without one.
 */
export type CredentialRefusal = "api_key" | "expired_session";

export interface Authentication {
  actor: Actor | null;
  refused: CredentialRefusal | null;
}

/** The caller of a session token or an API key (told apart by the key's prefix); none without a token. */
export async function authenticate(deps: AuthDeps, token: string | undefined): Promise<Authentication> {
  if (!token) return { actor: null, refused: null };
  if (looksLikeApiKey(token)) {
    const actor = (await authenticateApiKey(deps, token)) ?? null;
    return { actor, refused: actor ? null : "api_key" };
  }
  const checked = await checkSession(deps, token);
  if (checked === "expired") return { actor: null, refused: "expired_session" };
  return { actor: checked ?? null, refused: null };
}

const refusalMessages: Record<CredentialRefusal, string> = {
  api_key: "This API key is unknown or revoked",
  expired_session: "Your session expired; sign in again",
};

/** The 401 of a call that needs a caller and has none. */
export const unauthenticated = (refused: CredentialRefusal | null) =>
  new DomainError("UNAUTHENTICATED", refused ? refusalMessages[refused] : "Sign in first");
