import type { AuthDeps, Clock, CredentialCipher, Logger, SealedSecret } from "@crm/domain";
import {
  claimIdempotencyKey,
  type IdempotencyKeyRepository,
  isWellFormedIdempotencyKey,
} from "@crm/domain/shared/idempotency";
import type { MiddlewareHandler } from "hono";
import { replayedLocation } from "./created-resources";
import { idempotencyScopeOf } from "./idempotency-caller";
import { refusal } from "./idempotency-errors";
import { fingerprintOf, keptAnswer, replayed } from "./idempotency-request";
import { restBasePath } from "./openapi";

export interface IdempotencyDeps {
  keys: IdempotencyKeyRepository<SealedSecret>;
  /** Answers are kept sealed: one may carry a secret shown once (a new API key, a session token). */
  cipher: CredentialCipher;
  clock: Clock;
}

const coveredMethods = new Set(["POST", "PATCH", "DELETE"]);

/**
 * Idempotent retries: a POST, PATCH or DELETE with an `Idempotency-Key` header runs once per key in its caller's
 * scope; a retry with the same key and request gets the first answer again (`Idempotent-Replayed: true`), with
 * another request a 422, while the first still runs a 409. A 5xx or 429 releases the key for a real retry.
 * Requests without the header, or without a live credential (signing in), pass untouched.
 */
export function idempotentRetries(
  deps: { idempotency: IdempotencyDeps; auth: AuthDeps; logger: Logger },
  protocol: "trpc" | "rest",
): MiddlewareHandler {
  const { keys, cipher, clock } = deps.idempotency;
  const settle = (what: string, work: Promise<void>) =>
    // a claim that cannot be settled lapses after a few minutes (idempotencyClaimLapseMs)
    work.catch((err: unknown) => deps.logger.error({ err }, `could not ${what} an Idempotency-Key`));

  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (key === undefined || !coveredMethods.has(c.req.method)) return next();
    const scope = await idempotencyScopeOf(deps.auth, c.req.raw.headers);
    if (!scope) return next();
    if (!isWellFormedIdempotencyKey(key)) return refusal(c, protocol, "malformed");
    if (protocol === "trpc" && c.req.header("trpc-accept")?.includes("jsonl")) {
      return refusal(c, protocol, "streamed");
    }

    const sealedFor = `idempotency:${scope.organizationId}:${scope.caller}:${key}`;
    const outcome = await claimIdempotencyKey(keys, scope, key, await fingerprintOf(c), clock.now());
    if (outcome.kind === "replay") {
      const answer = { ...outcome.answer, body: cipher.open(outcome.answer.body, sealedFor) };
      const location =
        protocol === "rest" ? replayedLocation(c.req.method, c.req.url, answer, restBasePath) : undefined;
      return replayed(answer, location);
    }
    if (outcome.kind !== "claimed") return refusal(c, protocol, outcome.kind);

    let kept = false;
    try {
      await next();
      const answer = await keptAnswer(c.res);
      if (answer) {
        kept = true;
        await settle(
          "store the answer of",
          keys.complete(outcome.id, { ...answer, body: cipher.seal(answer.body, sealedFor) }),
        );
      }
    } finally {
      if (!kept) await settle("release", keys.remove(outcome.id, false));
    }
  };
}
