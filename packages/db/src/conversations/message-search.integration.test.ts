import { randomUUID } from "node:crypto";
import type { MessageSearchOrder } from "@crm/domain";
import { type Expression, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { searchMessages, tsquery, visibleMatches, visibleMessages } from "./message-search";
import { readMessageTimes } from "./message-times";
import { insertOrganization } from "./retention-fixtures";
import { searchIndexOrdersByDate } from "./search-index";
import { newestHits, readBareHits } from "./search-newest";
import { type RankedHit, rankedHits } from "./search-ranked";
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

/*
 * Last in the file: the statistics tests above count every message in the database, and these add their own.
 *
 * A word in 12 visible messages of one conversation, newest first by minute: one each at 11, 10, 9 and 8, three at 7
 * (sent in the same instant), five older ones at 0-4, two of them holding it most often (the most relevant), three
 * once (ranked below most of the window). A window of 5 ends at minute 7 and takes all three of it: 7 messages.
 * Plus messages without it, and a newer match deleted.
 */
const windowWord = "fatura";
const windowSize = 5;
const minute = (at: number) => new Date(Date.UTC(2026, 10, 21, 9, at));

interface RankedCase {
  organizationId: string;
  conversationId: string;
  /** Every visible match in ranked order: rank desc, sent_at desc, id desc. */
  ranked: { id: string; sent_at: Date; rank: number }[];
}

async function seedRankedCase(): Promise<RankedCase> {
  const ownOrganization = await insertOrganization(handle.db, 30);
  const conversation = await handle.db
    .insertInto("conversations")
    .values({ organization_id: ownOrganization, channel: "whatsapp", channel_thread_id: randomUUID() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const said = (times: number) => `Sobre a ${Array(times).fill(windowWord).join(" e a ")} de novembro`;
  const rows: { at: number; content: string; deleted?: boolean }[] = [
    ...[4, 1, 4, 1, 1].map((times, at) => ({ at, content: said(times) })),
    ...[1, 2, 1].map((times) => ({ at: 7, content: said(times) })),
    { at: 8, content: said(1) },
    { at: 9, content: said(2) },
    { at: 10, content: said(3) },
    { at: 11, content: said(1) },
    ...[5, 7, 12, 13].map((at) => ({ at, content: "Bom dia, tudo certo por aqui" })),
    { at: 13, content: said(1), deleted: true },
  ];
  await handle.db
    .insertInto("messages")
    .values(
      rows.map(({ at, content, deleted }) => ({
        organization_id: ownOrganization,
        conversation_id: conversation.id,
        channel: "whatsapp" as const,
        direction: "inbound" as const,
        sender_type: "contact" as const,
        content,
        sent_at: minute(at),
        deleted_at: deleted ? new Date() : null,
      })),
    )
    .execute();
  return {
    organizationId: ownOrganization,
    conversationId: conversation.id,
    ranked: await rankedMatches(ownOrganization),
  };
}

/** The visible matches of the organization, ranked by Postgres itself. */
async function rankedMatches(ownOrganization: string) {
  const { rows } = await sql<{ id: string; sent_at: Date; rank: number }>`
    select id, sent_at, ts_rank(search_vector, ${tsquery(windowWord)}) as rank from messages
    where organization_id = ${ownOrganization} and deleted_at is null and search_vector @@ ${tsquery(windowWord)}`.execute(
    handle.db,
  );
  return rows.sort(
    (a, b) => b.rank - a.rank || b.sent_at.getTime() - a.sent_at.getTime() || (a.id < b.id ? 1 : -1),
  );
}

/** The instant of the `windowSize`-th newest match, when there are more (the window's boundary). */
function boundaryOf(ranked: RankedCase["ranked"]): Date | null {
  const newest = ranked.map((hit) => hit.sent_at.getTime()).sort((a, b) => b - a);
  const at = newest.length > windowSize ? newest[windowSize - 1] : undefined;
  return at === undefined ? null : new Date(at);
}

/** The window of `ranked`, in ranked order: the matches sent since its boundary, that instant whole. */
function windowOf(ranked: RankedCase["ranked"]) {
  const from = boundaryOf(ranked)?.getTime() ?? 0;
  return ranked.filter((hit) => hit.sent_at.getTime() >= from).map((hit) => hit.id);
}

const relevanceSearch = (conversation?: string) => ({
  query: windowWord,
  order: "relevance" as const,
  ...(conversation ? { conversationId: conversation } : {}),
});

const readRanked = (hits: Expression<RankedHit>) =>
  handle.db
    .selectFrom(sql<RankedHit>`(${hits})`.as("found"))
    .selectAll()
    .orderBy("found.rank", "desc")
    .orderBy("found.sent_at", "desc")
    .orderBy("found.id", "desc")
    .execute();

/** Every page of the ranked window through `rankedHits`, the boundary found newest first by RUM or by sorting. */
async function pageRanked(
  own: RankedCase,
  limit: number,
  indexOrdersByDate: boolean,
  startGuess: Date | null = null,
) {
  const search = relevanceSearch();
  const query = tsquery(search.query);
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await rankedHits(
      handle.db,
      () => visibleMatches(handle.db, own.organizationId, everyone, search, query),
      query,
      cursor,
      limit,
      readRanked,
      { window: windowSize, indexOrdersByDate, startGuess },
    );
    seen.push(...page.hits.map((hit) => hit.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

/** Every page through `searchMessages` with a window of 5; `between` runs after the first page. */
async function pageSearch(
  own: RankedCase,
  limit: number,
  between?: () => Promise<unknown>,
  conversation?: string,
) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await searchMessages(
      handle.db,
      own.organizationId,
      everyone,
      relevanceSearch(conversation),
      { limit, cursor },
      { rankedWindow: windowSize },
    );
    seen.push(...page.items.map((hit) => hit.message.id));
    if (!page.nextCursor) return seen;
    if (pages === 0) await between?.();
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

describe("message search by relevance, within a window of the newest matches", () => {
  it("ranks the newest matches only: an older, more relevant message is not on the first page", async () => {
    const own = await seedRankedCase();
    const inWindow = windowOf(own.ranked);
    const older = own.ranked.filter((hit) => !inWindow.includes(hit.id)).map((hit) => hit.id);
    // the case as described: 12 matches, 7 in the window (3 at its boundary instant), the most relevant older
    expect([own.ranked.length, inWindow.length]).toEqual([12, 7]);
    expect(older).toContain(own.ranked[0]?.id);

    const page = await searchMessages(
      handle.db,
      own.organizationId,
      everyone,
      relevanceSearch(),
      { limit: 3 },
      { rankedWindow: windowSize },
    );
    expect(page.items.map((hit) => hit.message.id)).toEqual(inWindow.slice(0, 3));
    expect(page.items.map((hit) => hit.rank)).toEqual(
      own.ranked.filter((hit) => inWindow.slice(0, 3).includes(hit.id)).map((hit) => hit.rank),
    );
  });

  it("pages through exactly the window, the boundary instant whole, once each, whatever the page size", async () => {
    const own = await seedRankedCase();
    const inWindow = windowOf(own.ranked);
    const paths = (await searchIndexOrdersByDate(handle.db)) ? [false, true] : [false];
    for (const indexOrdersByDate of paths) {
      for (const limit of [1, 2, 3, 7, 50]) {
        expect(await pageRanked(own, limit, indexOrdersByDate)).toEqual(inWindow);
        expect(await pageSearch(own, limit)).toEqual(inWindow);
      }
    }
  });

  it("finds the same window from a guess of its start that takes it in, and from one too late", async () => {
    const own = await seedRankedCase();
    const inWindow = windowOf(own.ranked);
    const boundary = boundaryOf(own.ranked);
    // minute 0 and the boundary take the window in (the second just: its instant is whole); 9 and 20 are late
    const guesses = [minute(0), boundary, minute(9), minute(20)];
    expect(boundary).toEqual(minute(7));
    const paths = (await searchIndexOrdersByDate(handle.db)) ? [false, true] : [false];
    for (const indexOrdersByDate of paths) {
      for (const guess of guesses) {
        for (const limit of [2, 50]) {
          expect(await pageRanked(own, limit, indexOrdersByDate, guess)).toEqual(inWindow);
        }
      }
    }
  });

  it("guesses from ANALYZE's statistics: the organization's share of the messages and when they were sent", async () => {
    const own = await seedRankedCase();
    // without a histogram (every instant sent more than once is one of the most common) nothing can be guessed
    await sql`analyze messages`.execute(handle.db);
    expect(await readMessageTimes(handle.db)).toBeNull();
    await handle.db
      .insertInto("messages")
      .values(
        Array.from({ length: 300 }, (_, second) => ({
          organization_id: own.organizationId,
          conversation_id: own.conversationId,
          channel: "whatsapp" as const,
          direction: "inbound" as const,
          sender_type: "contact" as const,
          content: "Bom dia",
          sent_at: new Date(Date.UTC(2026, 10, 22, 9, 0, second)),
        })),
      )
      .execute();
    await sql`analyze messages`.execute(handle.db);
    const times = await readMessageTimes(handle.db);
    expect(times?.rows).toBeGreaterThan(0);
    expect(times?.organizationShares.get(own.organizationId)).toBeGreaterThan(0);
    const bounds = times?.sentAtBounds ?? [];
    expect(bounds.length).toBeGreaterThan(1);
    expect([...bounds].sort((a, b) => a - b)).toEqual(bounds);
  });

  it("keeps the first page's window when a newer match arrives between pages: none twice, none skipped", async () => {
    const own = await seedRankedCase();
    const inWindow = windowOf(own.ranked);
    const arrive = () =>
      handle.db
        .insertInto("messages")
        .values({
          organization_id: own.organizationId,
          conversation_id: own.conversationId,
          channel: "whatsapp",
          direction: "inbound",
          sender_type: "contact",
          content: `Chegou a ${windowWord} nova`,
          sent_at: minute(14),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const seen = await pageSearch(own, 2, arrive);
    // the newcomer would have moved a window found again to start at minute 8, leaving out those of minute 7
    expect(windowOf(await rankedMatches(own.organizationId))).not.toEqual(expect.arrayContaining(inWindow));
    expect(new Set(seen).size).toBe(seen.length);
    // the newcomer may join (ranked below the page it arrived after) or not; nothing older than the window does
    expect(seen.length - inWindow.length).toBeLessThanOrEqual(1);
    expect(own.ranked.filter((hit) => seen.includes(hit.id)).map((hit) => hit.id)).toEqual(inWindow);
  });

  it("ranks every match inside one conversation, where the same search across conversations ranks the window", async () => {
    const own = await seedRankedCase();
    const everyMatch = own.ranked.map((hit) => hit.id);
    expect(await pageSearch(own, 3)).toEqual(windowOf(own.ranked));
    for (const limit of [3, 50]) {
      expect(await pageSearch(own, limit, undefined, own.conversationId)).toEqual(everyMatch);
    }
  });

  it("refuses a cursor whose window boundary is no time Postgres can hold", async () => {
    const own = await seedRankedCase();
    const first = await searchMessages(
      handle.db,
      own.organizationId,
      everyone,
      relevanceSearch(),
      { limit: 2 },
      { rankedWindow: windowSize },
    );
    const position = JSON.parse(Buffer.from(first.nextCursor ?? "", "base64url").toString("utf8"));
    expect(position.from).toBe(boundaryOf(own.ranked)?.toISOString());
    const next = (cursor: string) =>
      searchMessages(
        handle.db,
        own.organizationId,
        everyone,
        relevanceSearch(),
        { limit: 2, cursor },
        { rankedWindow: windowSize },
      );
    await expect(next(first.nextCursor ?? "")).resolves.toMatchObject({ items: expect.any(Array) });
    for (const from of ["yesterday", "-200000-01-01T00:00:00Z", 1795165200000, true, {}]) {
      const forged = Buffer.from(JSON.stringify({ ...position, from })).toString("base64url");
      await expect(next(forged)).rejects.toThrow("Invalid cursor");
    }
  });
});
