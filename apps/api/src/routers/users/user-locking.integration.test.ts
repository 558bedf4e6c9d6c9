import { readEnv } from "@crm/db/cli/env";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { waitForLockWaiter } from "../../testing/lock-waiter";

const api = useTestApi();

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
      await waitForLockWaiter(api, "users");
      return { rename };
    });

    expect((await rename).status).toBe(403);
    const after = await api.rest<{ name: string; role: string }>("GET", `/users/${agent.user.id}`, {
      token: owner.token,
    });
    expect(after.body).toMatchObject({ name: agent.user.name, role: "owner" });
  });
});
