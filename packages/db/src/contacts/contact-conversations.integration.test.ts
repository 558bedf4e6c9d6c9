import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createContactsStore } from "./contacts-store";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const all = { kind: "all" } as const;
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));

async function contactWithConversations(
  conversations: Array<{ name: string; createdAt: Date; lastMessageAt: Date | null }>,
) {
  const org = await database.db
    .insertInto("organizations")
    .values({ name: "Links Co", slug: `links-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const contact = await database.db
    .insertInto("contacts")
    .values({ organization_id: org.id, name: "Maria" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ids = new Map<string, string>();
  for (const conversation of conversations) {
    const row = await database.db
      .insertInto("conversations")
      .values({
        organization_id: org.id,
        contact_id: contact.id,
        channel: "telegram",
        channel_thread_id: conversation.name,
        created_at: conversation.createdAt,
        last_message_at: conversation.lastMessageAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.set(row.id, conversation.name);
  }
  return { organizationId: org.id, contactId: contact.id, nameOf: (id: string) => ids.get(id) };
}

describe("a contact's conversations", () => {
  it("come by latest activity (last message, or the start of one without any), newest first, across pages", async () => {
    const { organizationId, contactId, nameOf } = await contactWithConversations([
      { name: "old but talking", createdAt: at(0), lastMessageAt: at(50) },
      { name: "newer but quiet", createdAt: at(10), lastMessageAt: at(20) },
      { name: "just started", createdAt: at(40), lastMessageAt: null },
      { name: "tie a", createdAt: at(1), lastMessageAt: at(30) },
      { name: "tie b", createdAt: at(2), lastMessageAt: at(30) },
    ]);
    const links = createContactsStore(database.db).contacts;

    const read = async (limit: number) => {
      const names: Array<string | undefined> = [];
      let cursor: string | undefined;
      do {
        const page = await links.conversations(organizationId, contactId, all, { cursor, limit });
        names.push(...page.items.map((item) => nameOf(item.id)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    };

    const names = await read(10);
    expect(names.slice(0, 2)).toEqual(["old but talking", "just started"]);
    expect(names.slice(2, 4).sort()).toEqual(["tie a", "tie b"]);
    expect(names[4]).toBe("newer but quiet");
    // a page may end between two conversations of the same instant: the next one goes on from there
    expect(await read(1)).toEqual(names);
    expect(await read(3)).toEqual(names);
  });

  it("refuses a cursor of the former order by creation instead of answering a wrong page", async () => {
    const { organizationId, contactId } = await contactWithConversations([]);
    const links = createContactsStore(database.db).contacts;
    const former = Buffer.from(
      JSON.stringify({ list: "contactConversations", at: at(0).toISOString(), id: randomUUID() }),
    ).toString("base64url");

    await expect(
      links.conversations(organizationId, contactId, all, { cursor: former, limit: 2 }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
