import { readEnv } from "@crm/db/cli/env";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";

const api = useTestApi();

async function waitForUsersLockWaiter(): Promise<void> {
  await vi.waitFor(
    async () => {
      const { rows } = await sql<{ waiting: string }>`
        select count(*) as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike '%"users"%'
      `.execute(api.container.db.db);
      expect(Number(rows[0]?.waiting)).toBeGreaterThan(0);
    },
    { timeout: 10_000, interval: 20 },
  );
}

// PGlite runs one transaction at a time: locks never meet there
describe.skipIf(!readEnv().databaseUrl)("a team change while a role changes (Postgres)", () => {
  it("an admin's edit of a user being promoted to owner waits for the promotion, then is refused", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const agent = await api.member(owner.token, "agent");

    const { rename } = await api.container.db.db.transaction().execute(async (trx) => {
      await trx.updateTable("users").set({ role: "owner" }).where("id", "=", agent.user.id).execute();
      const rename = api.rest("PATCH", `/users/${agent.user.id}`, {
        token: admin.token,
        body: { name: "Renamed by an admin" },
      });
      await waitForUsersLockWaiter();
      return { rename };
    });

    expect((await rename).status).toBe(403);
    const after = await api.rest<{ name: string; role: string }>("GET", `/users/${agent.user.id}`, {
      token: owner.token,
    });
    expect(after.body).toMatchObject({ name: agent.user.name, role: "owner" });
  });
});
