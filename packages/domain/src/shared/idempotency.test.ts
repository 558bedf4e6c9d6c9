import { describe, expect, it } from "vitest";
import {
  claimIdempotencyKey,
  type IdempotencyKeyRepository,
  type IdempotencyRecord,
  type IdempotentRequest,
  idempotencyClaimLapseMs,
  idempotencyKeyLifetimeMs,
  isWellFormedIdempotencyKey,
} from "./idempotency";

/** One scope's keys in memory, with the unique key of the table. */
function memoryKeys() {
  const rows = new Map<string, IdempotencyRecord<string>>();
  let next = 0;
  const repository: IdempotencyKeyRepository<string> = {
    async claim(_scope, key, request, createdAt) {
      if (rows.has(key)) return undefined;
      next += 1;
      rows.set(key, { id: String(next), request, answer: null, createdAt });
      return String(next);
    },
    async find(_scope, key) {
      return rows.get(key);
    },
    async complete(id, answer) {
      for (const row of rows.values()) if (row.id === id && row.answer === null) row.answer = answer;
    },
    async remove(id, answered) {
      for (const [key, row] of rows)
        if (row.id === id && (row.answer !== null) === answered) rows.delete(key);
    },
  };
  return { repository, rows };
}

const scope = { organizationId: "org", caller: "apiKey:1" };
const request: IdempotentRequest = { method: "POST", path: "/deals", bodyHash: "abc" };
const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms);
const answer = { status: 200, contentType: "application/json", body: '{"id":"d1"}' };

describe("claimIdempotencyKey", () => {
  it("claims a new key, replays its answer once stored, and says 'in progress' before that", async () => {
    const { repository } = memoryKeys();
    const first = await claimIdempotencyKey(repository, scope, "k", request, at(0));
    expect(first).toEqual({ kind: "claimed", id: "1" });
    expect(await claimIdempotencyKey(repository, scope, "k", request, at(10))).toEqual({
      kind: "inProgress",
    });
    await repository.complete("1", answer);
    expect(await claimIdempotencyKey(repository, scope, "k", request, at(20))).toEqual({
      kind: "replay",
      answer,
    });
  });

  it("refuses the key for another method, path or body", async () => {
    const { repository } = memoryKeys();
    await claimIdempotencyKey(repository, scope, "k", request, at(0));
    await repository.complete("1", answer);
    for (const other of [
      { ...request, method: "PATCH" },
      { ...request, path: "/contacts" },
      { ...request, bodyHash: "def" },
    ]) {
      expect(await claimIdempotencyKey(repository, scope, "k", other, at(10))).toEqual({ kind: "mismatch" });
    }
  });

  it("takes an expired key as new, whatever request used it", async () => {
    const { repository, rows } = memoryKeys();
    await claimIdempotencyKey(repository, scope, "k", request, at(0));
    await repository.complete("1", answer);
    const later = at(idempotencyKeyLifetimeMs);
    const other = { ...request, bodyHash: "def" };
    expect(await claimIdempotencyKey(repository, scope, "k", other, later)).toEqual({
      kind: "claimed",
      id: "2",
    });
    expect(rows.get("k")).toMatchObject({ request: other, answer: null, createdAt: later });
  });

  it("takes a claim abandoned in progress (a crashed server) as released after the lapse, not before", async () => {
    const { repository } = memoryKeys();
    await claimIdempotencyKey(repository, scope, "k", request, at(0));
    const before = at(idempotencyClaimLapseMs - 1);
    expect(await claimIdempotencyKey(repository, scope, "k", request, before)).toEqual({
      kind: "inProgress",
    });
    const after = at(idempotencyClaimLapseMs);
    expect(await claimIdempotencyKey(repository, scope, "k", request, after)).toEqual({
      kind: "claimed",
      id: "2",
    });
  });

  it("claims a key released between its refused claim and the read", async () => {
    const { repository, rows } = memoryKeys();
    await claimIdempotencyKey(repository, scope, "k", request, at(0));
    const racing: IdempotencyKeyRepository<string> = {
      ...repository,
      async find(s, key) {
        rows.delete(key);
        return repository.find(s, key);
      },
    };
    expect(await claimIdempotencyKey(racing, scope, "k", request, at(1))).toEqual({
      kind: "claimed",
      id: "2",
    });
  });
});

describe("isWellFormedIdempotencyKey", () => {
  it.each(["a", "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "order 42/retry:1", "~".repeat(255)])(
    "accepts %j",
    (key) => expect(isWellFormedIdempotencyKey(key)).toBe(true),
  );

  it.each(["", "x".repeat(256), "tab\there", "new\nline", "ção", "\u0000"])("refuses %j", (key) =>
    expect(isWellFormedIdempotencyKey(key)).toBe(false),
  );
});
