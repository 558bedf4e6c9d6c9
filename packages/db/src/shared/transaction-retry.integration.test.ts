import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../cli/env";
import type { DatabaseHandle } from "../client";
import { postgresErrorCode } from "../errors";
import { signal } from "../testing/signal";
import { createTestDatabase } from "../testing/test-database";
import { isRetryableTransactionError, transactionWithRetry } from "./transaction-retry";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// PGlite has one connection: two transactions never overlap there, so they cannot deadlock
describe.skipIf(!readEnv().databaseUrl)("transactionWithRetry on Postgres", () => {
  const names = [`a-${randomUUID()}`, `b-${randomUUID()}`];
  const ids: string[] = [];

  beforeAll(async () => {
    for (const name of names) {
      const row = await handle.db
        .insertInto("organizations")
        .values({ name, slug: name })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  });

  const lockOrganization = (trx: DatabaseHandle["db"], id: string) =>
    sql`select id from organizations where id = ${id} for update`.execute(trx);

  it("runs the deadlock victim again, so both transactions commit", async () => {
    const [first, second] = ids;
    if (!first || !second) throw new Error("organizations not seeded");
    const firstLocked = signal();
    const secondLocked = signal();
    const attempts: string[] = [];

    // each locks one row, waits until the other holds its row, then wants the other's: a deadlock
    const crossing = (
      own: string,
      other: string,
      locked: typeof firstLocked,
      otherLocked: typeof firstLocked,
    ) =>
      transactionWithRetry(handle.db, async (trx) => {
        attempts.push(own);
        await lockOrganization(trx, own);
        locked.resolve();
        await otherLocked.promise;
        await lockOrganization(trx, other);
        await trx
          .updateTable("organizations")
          .set({ name: `renamed ${own}` })
          .where("id", "=", own)
          .execute();
      });

    await Promise.all([
      crossing(first, second, firstLocked, secondLocked),
      crossing(second, first, secondLocked, firstLocked),
    ]);

    // one of the two was chosen as the deadlock victim and ran a second time
    expect(attempts).toHaveLength(3);
    const renamed = await handle.db
      .selectFrom("organizations")
      .select("name")
      .where("id", "in", ids)
      .orderBy("name")
      .execute();
    expect(renamed.map((row) => row.name).sort()).toEqual([`renamed ${first}`, `renamed ${second}`].sort());
  });
});

describe("transactionWithRetry", () => {
  it("gives up after the last attempt and lets the deadlock error through", async () => {
    let runs = 0;
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    const failing = transactionWithRetry(
      handle.db,
      async () => {
        runs += 1;
        throw deadlock;
      },
      { attempts: 3, baseDelayMs: 1 },
    );
    await expect(failing).rejects.toBe(deadlock);
    expect(runs).toBe(3);
  });

  it("does not retry other errors", async () => {
    let runs = 0;
    const failing = transactionWithRetry(handle.db, async (trx) => {
      runs += 1;
      await sql`select 1 / 0`.execute(trx);
    });
    const error = await failing.catch((caught: unknown) => caught);
    expect(postgresErrorCode(error)).toBe("22012");
    expect(isRetryableTransactionError(error)).toBe(false);
    expect(runs).toBe(1);
  });
});
