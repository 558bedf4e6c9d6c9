import { randomUUID } from "node:crypto";
import type { MessageSearchOrder } from "@crm/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { searchMessages, tsquery, visibleMatches, visibleMessages } from "./message-search";
import { insertOrganization } from "./retention-fixtures";
import { searchIndexOrdersByDate } from "./search-index";
import { newestHits, readBareHits } from "./search-newest";
import { knownWordShare, readWordShare, wordShareTtlMs } from "./word-shares";

let handle: DatabaseHandle;
let organizationId: string;
let conversationId: string;
/** Every "boleto" message, in the order newest-first search must give: sent_at desc, then id desc. */
let expected: string[];

const everyone = { kind: "all" } as const;

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = await insertOrganization(handle.db, 30);
  const conversation = await handle.db
    .insertInto("conversations")
    .values({ organization_id: organizationId, channel: "whatsapp", channel_thread_id: randomUUID() })
    .returning("id")
    .executeTakeFirstOrThrow();
  conversationId = conversation.id;
  // five instants, three messages sent in each (a batch delivered in the same millisecond), plus noise
  const rows = [];
  for (let minute = 0; minute < 5; minute += 1) {
    for (let copy = 0; copy < 3; copy += 1) {
      rows.push({ minute, content: `Segue o boleto ${minute}-${copy} para pagamento` });
    }
    rows.push({ minute, content: "Bom dia, tudo bem?" });
  }
  const inserted = await handle.db
    .insertInto("messages")
    .values(
      rows.map(({ minute, content }) => ({
        organization_id: organizationId,
        conversation_id: conversationId,
        channel: "whatsapp" as const,
        direction: "inbound" as const,
        sender_type: "contact" as const,
        content,
        sent_at: new Date(Date.UTC(2026, 10, 20, 12, minute)),
      })),
    )
    .returning(["id", "sent_at", "content"])
    .execute();
  expected = inserted
    .filter((row) => row.content.includes("boleto"))
    .sort((a, b) => b.sent_at.getTime() - a.sent_at.getTime() || (a.id < b.id ? 1 : -1))
    .map((row) => row.id);
});
afterAll(() => handle.close());

interface Path {
  indexOrdersByDate: boolean;
  inConversation?: boolean;
  /** Scan this many of the newest visible messages first (undefined: straight to the index) */
  scanRows?: number;
}

async function pageThrough(limit: number, { indexOrdersByDate, inConversation, scanRows }: Path) {
  const search = {
    query: "boletos",
    order: "recent" as const,
    ...(inConversation ? { conversationId } : {}),
  };
  const query = tsquery(search.query);
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await newestHits(
      handle.db,
      () => visibleMatches(handle.db, organizationId, everyone, search, query),
      cursor,
      limit,
      {
        indexOrdersByDate,
        query,
        scanRows,
        read: readBareHits(handle.db),
        newest:
          scanRows === undefined
            ? undefined
            : () => visibleMessages(handle.db, organizationId, everyone, search),
      },
    );
    seen.push(...page.hits.map((hit) => hit.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

describe("newest-first message search", () => {
  it("pages newest first, ordering messages sent in the same instant by id, whatever the page size", async () => {
    for (const limit of [1, 2, 4, 15, 50]) {
      expect(await pageThrough(limit, { indexOrdersByDate: false })).toEqual(expected);
      expect(await pageThrough(limit, { indexOrdersByDate: false, inConversation: true })).toEqual(expected);
    }
  });

  it("gives the same pages reading the newest messages first, whether they fill the page or not", async () => {
    // 20 messages, 15 matching: a scan of 3 rarely fills a page, one of 100 always does until the end
    for (const scanRows of [3, 100]) {
      for (const limit of [1, 2, 4, 15, 50]) {
        expect(await pageThrough(limit, { indexOrdersByDate: false, scanRows })).toEqual(expected);
      }
    }
  });

  it("gives the same pages through a RUM index, which orders by date only (skipped where GIN is the index)", async (context) => {
    if (!(await searchIndexOrdersByDate(handle.db))) context.skip();
    for (const scanRows of [undefined, 3]) {
      for (const limit of [1, 2, 4, 15, 50]) {
        expect(await pageThrough(limit, { indexOrdersByDate: true, scanRows })).toEqual(expected);
      }
    }
  });

  it("refuses a cursor of the other order", async () => {
    const page = async (order: MessageSearchOrder, cursor?: string) =>
      searchMessages(handle.db, organizationId, everyone, { query: "boleto", order }, { limit: 2, cursor });
    const recent = await page("recent");
    const ranked = await page("relevance");
    expect(recent.items.map((hit) => hit.message.id)).toEqual(expected.slice(0, 2));
    const otherSort = "This cursor belongs to another list or sort; start again without it";
    await expect(page("relevance", recent.nextCursor ?? "")).rejects.toThrow(otherSort);
    await expect(page("recent", ranked.nextCursor ?? "")).rejects.toThrow(otherSort);
  });

  it("refuses a relevance cursor whose rank Postgres' real cannot hold, or whose time it cannot", async () => {
    const id = expected[0] ?? "";
    for (const position of [
      { rank: 1e300, at: "2026-11-20T12:00:00Z", id },
      { rank: -1e-300, at: "2026-11-20T12:00:00Z", id },
      { rank: 0.1, at: "-200000-01-01T00:00:00Z", id },
    ]) {
      const cursor = Buffer.from(JSON.stringify(position)).toString("base64url");
      await expect(
        searchMessages(
          handle.db,
          organizationId,
          everyone,
          { query: "boleto", order: "relevance" },
          { cursor },
        ),
      ).rejects.toThrow("Invalid cursor");
    }
  });
});

describe("the share of messages holding a search's words", () => {
  it("is read from the column's statistics: 15 of the 20 messages hold boleto, none reembolso", async () => {
    await sql`analyze messages`.execute(handle.db);
    expect(await readWordShare(handle.db, tsquery("boletos"))).toBeCloseTo(0.75, 2);
    expect(await readWordShare(handle.db, tsquery("reembolso"))).toBe(0);
  });

  it("is answered from memory, read in the background when unknown, and kept while read again once expired", async () => {
    await sql`analyze messages`.execute(handle.db);
    const query = tsquery("boleto pago");
    const known = (now?: number) => knownWordShare(handle.db, "boleto pago", query, now);
    expect(known()).toBeUndefined();
    await vi.waitFor(() => expect(known()).toBeCloseTo(0.75, 2));

    // as many messages again without the word: its share halves once ANALYZE has seen them
    await handle.db
      .insertInto("messages")
      .values(
        Array.from({ length: 20 }, () => ({
          organization_id: organizationId,
          conversation_id: conversationId,
          channel: "whatsapp" as const,
          direction: "inbound" as const,
          sender_type: "contact" as const,
          content: "Obrigado, até amanhã",
          sent_at: new Date(Date.UTC(2026, 10, 19)),
        })),
      )
      .execute();
    await sql`analyze messages`.execute(handle.db);
    expect(known()).toBeCloseTo(0.75, 2);
    const later = Date.now() + wordShareTtlMs + 1;
    // expired: the old share is answered, twice, while the new one is read
    expect(known(later)).toBeCloseTo(0.75, 2);
    expect(known(later)).toBeCloseTo(0.75, 2);
    await vi.waitFor(() => expect(known(later)).toBeCloseTo(0.375, 2));
  });
});

describe("search snippets", () => {
  it("keep the marks balanced when the message itself holds the private-use mark characters", async () => {
    const ownOrganization = await insertOrganization(handle.db, 30);
    const conversation = await handle.db
      .insertInto("conversations")
      .values({ organization_id: ownOrganization, channel: "whatsapp", channel_thread_id: randomUUID() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("messages")
      .values({
        organization_id: ownOrganization,
        conversation_id: conversation.id,
        channel: "whatsapp",
        direction: "inbound",
        sender_type: "contact",
        content: "Pague\uE001o pix\uE000hoje",
        sent_at: new Date(),
      })
      .execute();
    for (const order of ["recent", "relevance"] as const) {
      const page = await searchMessages(handle.db, ownOrganization, everyone, { query: "pix", order }, {});
      expect(page.items.map((hit) => hit.snippet)).toEqual(["Pague o <b>pix</b> hoje"]);
    }
  });
});
