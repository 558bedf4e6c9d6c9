/** How long an answer is kept for replay; after it the key is new again (the retention job deletes the row). */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

/**
 * A claim still in progress after this long was left by a server that crashed (a finished request stores its
 * answer or releases the key): the key may be claimed again.
 */
export const idempotencyClaimLapseMs = 5 * 60 * 1000;

const wellFormedKey = /^[\x20-\x7e]{1,255}$/;

/** 1 to 255 printable ASCII characters (a UUID is the usual choice). */
export const isWellFormedIdempotencyKey = (key: string): boolean => wellFormedKey.test(key);

/** Whose keys these are: one organization's caller (`apiKey:<id>` or `user:<id>`). */
export interface IdempotencyScope {
  organizationId: string;
  caller: string;
}

/** What makes a retry the same request: the method, the path with its query, a hash of the body. */
export interface IdempotentRequest {
  method: string;
  path: string;
  bodyHash: string;
}

/** An answer as kept for replay; `Body` is the adapter's form of it (the API keeps it sealed). */
export interface StoredAnswer<Body> {
  status: number;
  contentType: string | null;
  body: Body;
}

export interface IdempotencyRecord<Body> {
  id: string;
  request: IdempotentRequest;
  /** null while the request runs */
  answer: StoredAnswer<Body> | null;
  createdAt: Date;
}

export interface IdempotencyKeyRepository<Body> {
  /** Inserts an in-progress claim and answers its id; undefined when the scope already holds the key. */
  claim(
    scope: IdempotencyScope,
    key: string,
    request: IdempotentRequest,
    createdAt: Date,
  ): Promise<string | undefined>;
  find(scope: IdempotencyScope, key: string): Promise<IdempotencyRecord<Body> | undefined>;
  /** Stores the answer of a claim still in progress. */
  complete(id: string, answer: StoredAnswer<Body>): Promise<void>;
  /** Deletes the row if it is still as it was read: answered or in progress. */
  remove(id: string, answered: boolean): Promise<void>;
}

export type IdempotencyOutcome<Body> =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; answer: StoredAnswer<Body> }
  | { kind: "inProgress" }
  | { kind: "mismatch" };

const isStale = (held: IdempotencyRecord<unknown>, now: Date): boolean => {
  const age = now.getTime() - held.createdAt.getTime();
  return age >= idempotencyKeyLifetimeMs || (held.answer === null && age >= idempotencyClaimLapseMs);
};

const sameRequest = (a: IdempotentRequest, b: IdempotentRequest): boolean =>
  a.method === b.method && a.path === b.path && a.bodyHash === b.bodyHash;

/**
 * Claims the key for this request, or says why not: its stored answer to replay, another request with the key
 * still running, or a different request having used it. The unique (scope, key) settles concurrent claims.
 */
export async function claimIdempotencyKey<Body>(
  keys: IdempotencyKeyRepository<Body>,
  scope: IdempotencyScope,
  key: string,
  request: IdempotentRequest,
  now: Date,
): Promise<IdempotencyOutcome<Body>> {
  // a few rounds: between the refused claim and the read, the holder may release the key or a stale row go
  for (let round = 0; round < 3; round += 1) {
    const id = await keys.claim(scope, key, request, now);
    if (id) return { kind: "claimed", id };
    const held = await keys.find(scope, key);
    if (!held) continue;
    if (isStale(held, now)) {
      await keys.remove(held.id, held.answer !== null);
      continue;
    }
    if (!sameRequest(held.request, request)) return { kind: "mismatch" };
    return held.answer ? { kind: "replay", answer: held.answer } : { kind: "inProgress" };
  }
  return { kind: "inProgress" };
}
