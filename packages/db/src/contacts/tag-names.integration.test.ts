import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { migrations } from "../migrations";
import { migrateToLatest } from "../migrator";
import { createTestDatabase } from "../testing/test-database";
import { createContactsStore } from "./contacts-store";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(() => database.close());

async function organization(): Promise<string> {
  const row = await database.db
    .insertInto("organizations")
    .values({ name: "Atacado Ipê", slug: `tags-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("tag names, whatever their accents", () => {
  it("a CSV import's tag names find the tag that differs only by accents, and two such names make one tag", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    const atacadao = await store.tags.create(org, { name: "Atacadão", color: "#112233" });
    const ids = await store.tags.findOrCreateByNames(org, ["atacadao", "ATACADÃO", "Promoção", "promocao"]);
    expect(ids.get("atacadao")).toBe(atacadao.id);
    expect(ids.get("atacadão")).toBe(atacadao.id);
    expect(ids.get("promoção")).toBeDefined();
    expect(ids.get("promocao")).toBe(ids.get("promoção"));
    const page = await store.tags.list(org, {}, { limit: 10 });
    expect(page.items.map((tag) => tag.name)).toEqual(["Atacadão", "Promoção"]);
  });
});

describe("migration 0033_tag_name_key", () => {
  it("merges tags that differ only by accents into the oldest, keeping every contact's tag", async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0032_api_key_attribution")).error).toBeUndefined();
    try {
      const org = await organization();
      const other = await organization();
      const insertTag = async (organizationId: string, name: string, createdAt: string) =>
        (
          await sql<{ id: string }>`insert into tags (organization_id, name, color, created_at)
            values (${organizationId}, ${name}, '#112233', ${createdAt}) returning id`.execute(database.db)
        ).rows[0]?.id ?? "";
      const oldest = await insertTag(org, "Atacadão", "2024-01-01T00:00:00Z");
      const plain = await insertTag(org, "atacadao", "2024-02-01T00:00:00Z");
      const acute = await insertTag(org, "Atacadáo", "2024-03-01T00:00:00Z");
      const unrelated = await insertTag(org, "Varejo", "2024-01-15T00:00:00Z");
      const elsewhere = await insertTag(other, "atacadao", "2024-01-01T00:00:00Z");
      const contact = async (organizationId: string, name: string, tagIds: string[]) => {
        const id = (
          await database.db
            .insertInto("contacts")
            .values({ organization_id: organizationId, name })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
        for (const tagId of tagIds) {
          await database.db
            .insertInto("contact_tags")
            .values({ contact_id: id, tag_id: tagId, organization_id: organizationId })
            .execute();
        }
        return id;
      };
      const both = await contact(org, "Ana", [oldest, plain, unrelated]);
      const newer = await contact(org, "Bia", [plain, acute]);
      const kept = await contact(org, "Caio", [oldest]);
      const foreign = await contact(other, "Dora", [elsewhere]);

      await migrateToLatest(database.db);

      const tags = await database.db
        .selectFrom("tags")
        .select(["id", "organization_id", "name"])
        .where("organization_id", "in", [org, other])
        .execute();
      expect(tags.map((tag) => `${tag.id}:${tag.name}`).sort()).toEqual(
        [`${oldest}:Atacadão`, `${elsewhere}:atacadao`, `${unrelated}:Varejo`].sort(),
      );
      const attached = await database.db
        .selectFrom("contact_tags")
        .select(["contact_id", "tag_id"])
        .where("organization_id", "in", [org, other])
        .execute();
      const pairs = attached.map((row) => `${row.contact_id}:${row.tag_id}`).sort();
      expect(pairs).toEqual(
        [
          `${both}:${oldest}`,
          `${both}:${unrelated}`,
          `${newer}:${oldest}`,
          `${kept}:${oldest}`,
          `${foreign}:${elsewhere}`,
        ].sort(),
      );
    } finally {
      await migrateToLatest(database.db);
    }
  });
});
