import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "./client";
import { matchesQuery, tsquery } from "./conversations/message-search";
import { migrateToLatest } from "./migrator";
import { createTestDatabase } from "./testing/test-database";

const slow = 120_000;

let handle: DatabaseHandle;
let organizationId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const organization = await handle.db
    .insertInto("organizations")
    .values({ name: "Loja Exemplo", slug: "loja-exemplo" })
    .returning("id")
    .executeTakeFirstOrThrow();
  organizationId = organization.id;
}, slow);

afterAll(() => handle?.close());

async function insertConversation() {
  const conversation = await handle.db
    .insertInto("conversations")
    .values({ organization_id: organizationId, channel: "whatsapp" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return conversation.id;
}

describe("values read back, identical on Postgres and PGlite", () => {
  it("returns timestamptz as a Date with the milliseconds written", async () => {
    const at = new Date("2025-03-04T05:06:07.891Z");
    const row = await handle.db
      .updateTable("organizations")
      .set({ updated_at: at })
      .where("id", "=", organizationId)
      .returning(["created_at", "updated_at"])
      .executeTakeFirstOrThrow();
    expect(row.created_at).toBeInstanceOf(Date);
    expect(row.updated_at).toEqual(at);
  });

  it("stores now() with millisecond precision, so a timestamp read back finds its row again", async () => {
    const { created_at } = await handle.db
      .selectFrom("organizations")
      .select("created_at")
      .where("id", "=", organizationId)
      .executeTakeFirstOrThrow();
    const found = await handle.db
      .selectFrom("organizations")
      .select("id")
      .where("created_at", "=", created_at)
      .where("id", "=", organizationId)
      .executeTakeFirst();
    expect(found?.id).toBe(organizationId);
  });

  it("returns numeric as an exact decimal string, also from aggregates", async () => {
    const payments = ["0.10", "0.20", "1234567890123.45"].map((amount) => ({
      organization_id: organizationId,
      amount,
      provider: "stripe" as const,
    }));
    await handle.db.insertInto("payments").values(payments).execute();
    const row = await handle.db
      .selectFrom("payments")
      .select((eb) => [eb.fn.sum<string>("amount").as("total"), eb.fn.min<string>("amount").as("smallest")])
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ total: "1234567890123.75", smallest: "0.10" });
  });

  it("returns int8 and count(*) as strings and int4 as a number", async () => {
    const row = await handle.db
      .selectFrom("organizations")
      .select((eb) => [eb.fn.countAll<string>().as("count"), "data_retention_days"])
      .select(sql<string>`9007199254740993::int8`.as("big"))
      .where("id", "=", organizationId)
      .groupBy("data_retention_days")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ count: "1", data_retention_days: 730, big: "9007199254740993" });
  });

  it("returns date as a YYYY-MM-DD string, alone and in arrays", async () => {
    const row = await sql<{ day: string; days: Array<string | null> }>`
      select '2025-12-31'::date as day, array['2025-01-01'::date, null, '2025-02-28'::date] as days`.execute(
      handle.db,
    );
    expect(row.rows[0]).toEqual({ day: "2025-12-31", days: ["2025-01-01", null, "2025-02-28"] });
  });

  it("round-trips jsonb objects and arrays written as JSON text", async () => {
    const stages = [
      { id: "lead", name: "Lead", order: 1, color: "#336699" },
      { id: "won", name: "Ganho", order: 2, color: "#22aa55" },
    ];
    const pipeline = await handle.db
      .insertInto("pipelines")
      .values({ organization_id: organizationId, name: "Vendas", stages: JSON.stringify(stages) })
      .returning("stages")
      .executeTakeFirstOrThrow();
    expect(pipeline.stages).toEqual(stages);

    const metadata = { origem: "site", pontuação: 10, tags: ["vip"] };
    const contact = await handle.db
      .insertInto("contacts")
      .values({ organization_id: organizationId, name: "Ana", metadata: JSON.stringify(metadata) })
      .returning("metadata")
      .executeTakeFirstOrThrow();
    expect(contact.metadata).toEqual(metadata);
  });

  it("uses UTC as the session time zone", async () => {
    const { rows } = await sql<{ zone: string }>`select current_setting('TimeZone') as zone`.execute(
      handle.db,
    );
    expect(["UTC", "Etc/UTC"]).toContain(rows[0]?.zone);
  });
});

describe("Portuguese full-text search on messages", () => {
  const texts = [
    "Podemos fechar a negociação amanhã?",
    "O pagamento foi enviado ontem",
    "Obrigado pelo contato",
  ];

  beforeAll(async () => {
    const conversationId = await insertConversation();
    await handle.db
      .insertInto("messages")
      .values(
        texts.map((content) => ({
          organization_id: organizationId,
          conversation_id: conversationId,
          channel: "whatsapp" as const,
          sender_type: "contact" as const,
          direction: "inbound" as const,
          content,
        })),
      )
      .execute();
  });

  const search = async (terms: string) => {
    const rows = await handle.db
      .selectFrom("messages")
      .select("content")
      .where("organization_id", "=", organizationId)
      .where(sql<boolean>`to_tsvector('portuguese', content) @@ plainto_tsquery('portuguese', ${terms})`)
      .orderBy("content")
      .execute();
    return rows.map((row) => row.content);
  };

  it("matches inflections through the Portuguese stemmer", async () => {
    expect(await search("negociações")).toEqual([texts[0]]);
    expect(await search("negociar")).toEqual([texts[0]]);
    expect(await search("pagamentos enviados")).toEqual([texts[1]]);
  });

  it("does not fold accents with the plain 'portuguese' configuration: 'negociacoes' finds nothing", async () => {
    // The stemmer keeps accents ('negociação' -> 'negoc', 'negociacoes' -> 'negociaco'): hence
    // portuguese_unaccent (0010), which the message search uses
    expect(await search("negociacoes")).toEqual([]);
  });

  it("folds accents with portuguese_unaccent, from the unaccent extension loaded on both drivers", async () => {
    const { rows } = await sql<{ lexemes: string; query: string }>`
      select to_tsvector('portuguese_unaccent', 'negociação')::text as lexemes,
             plainto_tsquery('portuguese_unaccent', 'negociacao')::text as query`.execute(handle.db);
    expect(rows[0]?.query).toBe(rows[0]?.lexemes.replace(/:1$/, ""));
  });

  it("answers the message search's match from idx_messages_content_search (RUM or GIN, migration 0013)", async () => {
    const plan = await handle.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<Record<string, string>>`
        explain select id from messages where ${matchesQuery(tsquery("negociacao"))}`.execute(trx);
      return rows.map((row) => Object.values(row).join(" ")).join("\n");
    });
    expect(plan).toContain("idx_messages_content_search");
  });
});

describe("concurrent use of one handle (PGlite has a single connection)", () => {
  it("keeps a concurrent insert when another transaction rolls back", async () => {
    const failing = handle.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("contacts")
        .values({ organization_id: organizationId, name: "rolled back" })
        .execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error("abort");
    });
    const committed = handle.db
      .insertInto("contacts")
      .values({ organization_id: organizationId, name: "kept" })
      .execute();
    await expect(failing).rejects.toThrow("abort");
    await committed;
    const names = await handle.db
      .selectFrom("contacts")
      .select("name")
      .where("organization_id", "=", organizationId)
      .where("name", "in", ["rolled back", "kept"])
      .execute();
    expect(names).toEqual([{ name: "kept" }]);
  });
});

describe("query logging", () => {
  it("logs failed queries as errors, constraint violations as debug, and never the parameters", async () => {
    const calls: Array<{ level: string; fields: object; message: string | undefined }> = [];
    const record = (level: string) => (fields: object, message?: string) => {
      calls.push({ level, fields, message });
    };
    const logger = {
      debug: record("debug"),
      info: record("info"),
      warn: record("warn"),
      error: record("error"),
    };
    const logged = await createTestDatabase({ logger });
    try {
      const slug = "secret-slug-value";
      await logged.db.insertInto("organizations").values({ name: "A", slug }).execute();
      await expect(
        logged.db.insertInto("organizations").values({ name: "B", slug }).execute(),
      ).rejects.toThrow();
      await expect(sql`select * from no_such_table`.execute(logged.db)).rejects.toThrow();
    } finally {
      await logged.close();
    }
    expect(calls.filter((call) => call.level === "error")).toEqual([
      {
        level: "error",
        message: "query failed",
        fields: expect.objectContaining({ sql: "select * from no_such_table", code: "42P01" }),
      },
    ]);
    expect(calls).toContainEqual({
      level: "debug",
      message: "query rejected by a constraint",
      fields: expect.objectContaining({ code: "23505" }),
    });
    expect(JSON.stringify(calls)).not.toContain("secret-slug-value");
  });
});

describe("createDatabase without DATABASE_URL", () => {
  let dataDir: string | undefined;
  afterAll(() => dataDir && rm(dataDir, { recursive: true, force: true }));

  it(
    "keeps PGlite's data in <dataDir>/pgdata across restarts",
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), "crm-db-"));
      const first = await createDatabase({ dataDir });
      try {
        expect(first.kind).toBe("pglite");
        await migrateToLatest(first.db);
        await first.db.insertInto("organizations").values({ name: "Persisted", slug: "persisted" }).execute();
      } finally {
        await first.close();
      }
      expect((await stat(join(dataDir, "pgdata", "PG_VERSION"))).isFile()).toBe(true);
      const second = await createDatabase({ dataDir });
      try {
        expect(await migrateToLatest(second.db)).toEqual({ applied: [] });
        const rows = await second.db.selectFrom("organizations").select("slug").execute();
        expect(rows).toEqual([{ slug: "persisted" }]);
      } finally {
        await second.close();
      }
    },
    slow,
  );
});
