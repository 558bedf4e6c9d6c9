import type { AuthDeps } from "@crm/domain";
import { identifyCaller } from "@crm/domain/auth/identify-caller";
import type { IdempotencyScope } from "@crm/domain/shared/idempotency";
import { requestCredential } from "../auth/request-credential";

/**
 * The scope of a request's `Idempotency-Key`: its organization and credential, an API key or a signed-in user
 * (not the session: a refresh rotates the session token, and a retry after it is the same user's). The
 * credential is read as trpc/context.ts reads it, without the side effects of authenticating, which the
 * request itself does next. undefined without a live credential.
 */
export async function idempotencyScopeOf(
  auth: AuthDeps,
  headers: Headers,
): Promise<IdempotencyScope | undefined> {
  const token = requestCredential(headers)?.token;
  if (!token) return undefined;
  const caller = await identifyCaller(auth, token);
  if (!caller) return undefined;
  return {
    organizationId: caller.organizationId,
    caller: caller.kind === "apiKey" ? `apiKey:${caller.apiKeyId}` : `user:${caller.userId}`,
  };
}
