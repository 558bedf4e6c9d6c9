import { sql } from "kysely";
import { expect, vi } from "vitest";
import type { TestApi } from "./harness";

/** Waits until `count` sessions of this database are blocked on a lock, in a statement naming `table`. */
export async function waitForLockWaiter(api: TestApi, table: string, count = 1): Promise<void> {
  const pattern = `%"${table}"%`;
  await vi.waitFor(
    async () => {
      const { rows } = await sql<{ waiting: string }>`
        select count(*) as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike ${pattern}
      `.execute(api.container.db.db);
      expect(Number(rows[0]?.waiting)).toBeGreaterThanOrEqual(count);
    },
    { timeout: 10_000, interval: 20 },
  );
}
