import { randomUUID } from "node:crypto";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { migrations } from "../migrations";
import { migrateToLatest } from "../migrator";
import { createTestDatabase } from "../testing/test-database";
import { createDealsStore } from "./deals-store";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(() => database.close());

async function organization(locale = "pt-BR"): Promise<string> {
  const row = await database.db
    .insertInto("organizations")
    .values({ name: "Loja Ipê", slug: `lost-${randomUUID().slice(0, 8)}`, locale })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const names = async (organizationId: string) =>
  (await createDealsStore(database.db).lostReasons.list(organizationId, {})).map((reason) => reason.name);

describe("migration 0040_lost_reasons", () => {
  it("gives every existing organization the default reasons in its language", async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0039_payment_link_activities")).error).toBeUndefined();
    try {
      const brazilian = await organization("pt-BR");
      const american = await organization("en-US");
      await migrateToLatest(database.db);
      expect(await names(brazilian)).toEqual([
        "Preço",
        "Escolheu um concorrente",
        "Sem resposta",
        "Sem orçamento",
        "Momento errado",
      ]);
      expect(await names(american)).toEqual([
        "Price",
        "Chose a competitor",
        "No response",
        "No budget",
        "Bad timing",
      ]);
    } finally {
      await migrateToLatest(database.db);
    }
  });
});

describe("lost reasons", () => {
  it("keeps names unique per organization whatever their letter case", async () => {
    const store = createDealsStore(database.db);
    const org = await organization();
    const other = await organization();
    const price = await store.lostReasons.create(org, { name: "Preço alto", position: 0 });
    await expect(store.lostReasons.create(org, { name: "PREÇO ALTO", position: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { existingId: price.id },
    });
    const silence = await store.lostReasons.create(org, { name: "Sumiu", position: 1 });
    await expect(
      store.transaction((repos) =>
        repos.lostReasons.update(org, silence.id, { name: "preço ALTO" }, new Date()),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // another organization may have the same name
    await expect(store.lostReasons.create(other, { name: "Preço alto", position: 0 })).resolves.toBeDefined();
  });

  it("lists active or archived reasons in position order", async () => {
    const store = createDealsStore(database.db);
    const org = await organization();
    const late = await store.lostReasons.create(org, { name: "Tarde", position: 1 });
    await store.lostReasons.create(org, { name: "Cedo", position: 0 });
    await store.lostReasons.update(org, late.id, { archivedAt: new Date() }, new Date());
    expect((await store.lostReasons.list(org, {})).map((r) => r.name)).toEqual(["Cedo", "Tarde"]);
    expect((await store.lostReasons.list(org, { archived: false })).map((r) => r.name)).toEqual(["Cedo"]);
    expect((await store.lostReasons.list(org, { archived: true })).map((r) => r.name)).toEqual(["Tarde"]);
  });

  it("lets a deal point only at a reason of its own organization", async () => {
    const store = createDealsStore(database.db);
    const org = await organization();
    const other = await organization();
    const foreign = await store.lostReasons.create(other, { name: "Preço", position: 0 });
    const pipeline = await database.db
      .insertInto("pipelines")
      .values({ organization_id: org, name: "Funil", stages: "[]" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const insert = (lostReasonId: string) =>
      database.db
        .insertInto("deals")
        .values({
          organization_id: org,
          pipeline_id: pipeline.id,
          stage: randomUUID(),
          title: "Site",
          value: "10.00",
          status: "lost",
          lost_reason: "Preço",
          lost_reason_id: lostReasonId,
        })
        .execute();
    await expect(insert(foreign.id)).rejects.toMatchObject({ code: "23503" });
    const own = await store.lostReasons.create(org, { name: "Preço", position: 0 });
    await expect(insert(own.id)).resolves.toBeDefined();
  });
});
