import { readEnv } from "@crm/db/cli/env";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { waitForLockWaiter } from "../../testing/lock-waiter";
import { createDeal, type DealDto, stageAt, workspace } from "./deal-fixtures";

const api = useTestApi();

// PGlite runs one transaction at a time: locks never meet there
describe.skipIf(!readEnv().databaseUrl)(
  "editing a deal while its pipeline's stages change (Postgres)",
  () => {
    it("waits for the pipeline before locking the deal, so a stage removal moving the deal cannot deadlock with it", async () => {
      const { token, contactId, pipeline } = await workspace(api);
      const removed = stageAt(pipeline, 0);
      const kept = stageAt(pipeline, 1);
      const deal = await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: removed.id });

      // what a stage removal does, one step at a time: lock the pipeline, then move its deals
      const { edit } = await api.container.db.db.transaction().execute(async (trx) => {
        await sql`select id from pipelines where id = ${pipeline.id} for update`.execute(trx);
        const edit = api.rest<DealDto>("PATCH", `/deals/${deal.id}`, { token, body: { title: "Renamed" } });
        await waitForLockWaiter(api, "pipelines");
        // the waiting edit must not hold the deal: NOWAIT fails at once (55P03) if it does
        await sql`select id from deals where id = ${deal.id} for update nowait`.execute(trx);
        await trx.updateTable("deals").set({ stage: kept.id }).where("id", "=", deal.id).execute();
        return { edit };
      });

      const res = await edit;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ title: "Renamed", stage: kept.id });
    });

    it("a deal edit and a stage removal racing on the same deals both succeed", async () => {
      const { token, contactId, pipeline } = await workspace(api);
      const removed = stageAt(pipeline, 0);
      const kept = stageAt(pipeline, 1);
      const deals = [];
      for (let i = 0; i < 5; i++) {
        deals.push(await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: removed.id }));
      }
      const removal = api.rest("PATCH", `/pipelines/${pipeline.id}`, {
        token,
        body: {
          stages: pipeline.stages
            .filter((stage) => stage.id !== removed.id)
            .map((stage) => ({ id: stage.id })),
          moveDealsToStageId: kept.id,
        },
      });
      const edits = deals.map((deal) =>
        api.rest<DealDto>("PATCH", `/deals/${deal.id}`, { token, body: { status: "won" } }),
      );
      const [removalRes, ...editRes] = await Promise.all([removal, ...edits]);
      expect(removalRes.status, JSON.stringify(removalRes.body)).toBe(200);
      for (const res of editRes) expect(res.status, JSON.stringify(res.body)).toBe(200);
      for (const deal of deals) {
        const after = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
        expect(after.body).toMatchObject({ status: "won", stage: kept.id });
      }
    });
  },
);
