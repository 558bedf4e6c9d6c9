import { createConversationReferences } from "@crm/db/conversations/conversation-references";
import { createIngestionSenderRepository } from "@crm/db/conversations/ingestion-sender-repository";
import { resolveSender } from "@crm/domain/conversations/ingest-sender";
import { describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  type ContactDto,
  createContact,
  createResource,
  type ErrorDto,
  mobile,
  type PageDto,
} from "./contact-fixtures";

const api = useTestApi();

async function seedDeal(organizationId: string, contactId: string, title: string): Promise<string> {
  const { db } = api.container.db;
  const pipeline = await db
    .insertInto("pipelines")
    .values({ organization_id: organizationId, name: "Sales", stages: JSON.stringify([]) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const deal = await db
    .insertInto("deals")
    .values({
      organization_id: organizationId,
      contact_id: contactId,
      pipeline_id: pipeline.id,
      stage: "new",
      title,
      value: "1500.00",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return deal.id;
}

describe("merging contacts", () => {
  it("moves conversations, deals, tags and custom field values to the survivor, deletes the source, audits it", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const { db } = api.container.db;
    await createResource(api, owner.token, "/custom-fields", { key: "plan", label: "Plan", type: "text" });
    await createResource(api, owner.token, "/custom-fields", { key: "city", label: "City", type: "text" });
    const vip = await createResource(api, owner.token, "/tags", { name: "vip" });
    const lead = await createResource(api, owner.token, "/tags", { name: "lead" });
    const company = await createResource(api, owner.token, "/companies", { name: "Acme" });
    const survivor = await createContact(api, owner.token, {
      name: "Ana (WhatsApp)",
      phone: mobile(1),
      tagIds: [vip.id],
      metadata: { plan: "pro" },
    });
    const source = await createContact(api, owner.token, {
      name: "Ana Souza",
      email: "ana@example.com",
      phone: mobile(2),
      companyId: company.id,
      tagIds: [vip.id, lead.id],
      metadata: { plan: "free", city: "Recife" },
    });
    await db
      .insertInto("conversations")
      .values([
        { organization_id: orgId, contact_id: source.id, channel: "telegram" },
        { organization_id: orgId, contact_id: survivor.id, channel: "whatsapp" },
      ])
      .execute();
    await seedDeal(orgId, source.id, "Big order");

    const res = await api.rest<ContactDto>("POST", `/contacts/${survivor.id}/merge`, {
      token: owner.token,
      body: { sourceId: source.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: survivor.id,
      name: "Ana (WhatsApp)",
      phone: mobile(1),
      email: "ana@example.com",
      company: { id: company.id, name: "Acme" },
      metadata: { plan: "pro", city: "Recife" },
    });
    expect(res.body.tags.map((t) => t.name).sort()).toEqual(["lead", "vip"]);
    expect((await api.rest("GET", `/contacts/${source.id}`, { token: owner.token })).status).toBe(404);

    const conversations = await api.rest<PageDto<{ channel: string }>>(
      "GET",
      `/contacts/${survivor.id}/conversations`,
      { token: owner.token },
    );
    expect(conversations.body.items.map((c) => c.channel).sort()).toEqual(["telegram", "whatsapp"]);
    const deals = await api.rest<PageDto<{ title: string; value: { amount: string; currency: string } }>>(
      "GET",
      `/contacts/${survivor.id}/deals`,
      {
        token: owner.token,
      },
    );
    expect(deals.body.items).toMatchObject([
      { title: "Big order", value: { amount: "1500.00", currency: "BRL" } },
    ]);

    const audit = await db
      .selectFrom("audit_logs")
      .select(["action", "entity_type", "entity_id", "actor_type", "actor_id", "data"])
      .where("organization_id", "=", orgId)
      .execute();
    expect(audit).toEqual([
      {
        action: "contact.merged",
        entity_type: "contact",
        entity_id: survivor.id,
        actor_type: "user",
        actor_id: owner.user.id,
        data: expect.objectContaining({
          sourceId: source.id,
          moved: { conversations: 1, deals: 1, tags: 1, identities: 0 },
          filled: ["email", "companyId"],
        }),
      },
    ]);
  });

  it("keeps a merged contact's personal data in the audit log only while the contact it went into exists", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const { db } = api.container.db;
    const first = await createContact(api, owner.token, { name: "Bia", phone: mobile(7) });
    const second = await createContact(api, owner.token, { name: "Bia Lima", email: "bia@example.com" });
    const third = await createContact(api, owner.token, { name: "Beatriz Lima", phone: mobile(8) });
    const merge = (survivorId: string, sourceId: string) =>
      api.rest("POST", `/contacts/${survivorId}/merge`, { token: owner.token, body: { sourceId } });
    const auditRows = () =>
      db
        .selectFrom("audit_logs")
        .select(["action", "entity_id", "data"])
        .where("organization_id", "=", orgId)
        .orderBy("created_at")
        .execute();

    expect((await merge(second.id, first.id)).status).toBe(200);
    expect((await auditRows())[0]?.data).toMatchObject({ source: { name: "Bia", phone: mobile(7) } });

    // the second goes into the third: the first's data now lives in the third's merge row only
    expect((await merge(third.id, second.id)).status).toBe(200);
    const afterSecondMerge = await auditRows();
    expect(afterSecondMerge[0]).toMatchObject({ entity_id: second.id, data: { sourceId: first.id } });
    expect(afterSecondMerge[0]?.data).not.toHaveProperty("source");
    expect(afterSecondMerge[1]?.data).toMatchObject({ source: { email: "bia@example.com" } });

    expect((await api.rest("DELETE", `/contacts/${third.id}`, { token: owner.token })).status).toBe(200);
    const rows = await auditRows();
    expect(rows.map((row) => row.action)).toEqual(["contact.merged", "contact.merged", "contact.deleted"]);
    const stored = JSON.stringify(rows);
    for (const personal of ["Bia", "bia@example.com", mobile(7), mobile(8)])
      expect(stored).not.toContain(personal);
    expect(rows[1]?.data).toMatchObject({ sourceId: second.id, filled: expect.any(Array) });
  });

  it("moves the source's channel identities, so its next message and a reply reach the survivor", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const { db } = api.container.db;
    const survivor = await createContact(api, owner.token, { name: "Caio", phone: mobile(4) });
    const source = await createContact(api, owner.token, { name: "Caio (Telegram)" });
    await db
      .insertInto("channel_identities")
      .values([
        { organization_id: orgId, contact_id: source.id, channel: "telegram", channel_user_id: "777001" },
        { organization_id: orgId, contact_id: source.id, channel: "discord", channel_user_id: "caio#1" },
        { organization_id: orgId, contact_id: survivor.id, channel: "whatsapp", channel_user_id: "5511" },
      ])
      .execute();

    const res = await api.rest("POST", `/contacts/${survivor.id}/merge`, {
      token: owner.token,
      body: { sourceId: source.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const identities = await db
      .selectFrom("channel_identities")
      .select(["contact_id", "channel", "channel_user_id"])
      .where("organization_id", "=", orgId)
      .orderBy("channel")
      .execute();
    expect(identities).toEqual([
      { contact_id: survivor.id, channel: "discord", channel_user_id: "caio#1" },
      { contact_id: survivor.id, channel: "telegram", channel_user_id: "777001" },
      { contact_id: survivor.id, channel: "whatsapp", channel_user_id: "5511" },
    ]);
    const next = await resolveSender(createIngestionSenderRepository(db), orgId, "telegram", {
      channelUserId: "777001",
      name: "Caio",
    });
    expect(next).toEqual({ contactId: survivor.id, created: false });
    expect(await createConversationReferences(db).channelUserId(orgId, survivor.id, "telegram")).toBe(
      "777001",
    );
    const audit = await db
      .selectFrom("audit_logs")
      .select("data")
      .where("organization_id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ moved: { identities: 2 } });
  });

  it("writes a contact_changed activity on each moved deal and publishes deal_updated and contact_updated", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const survivor = await createContact(api, owner.token, { name: "Bia", phone: mobile(3) });
    const source = await createContact(api, owner.token, { name: "Bia Lima", email: "bia@example.com" });
    const dealIds = [await seedDeal(orgId, source.id, "First"), await seedDeal(orgId, source.id, "Second")];
    const untouched = await seedDeal(orgId, survivor.id, "Already hers");
    const events: Array<{ type: string; payload: unknown }> = [];
    const stop = api.container.events.subscribe((event) => {
      if (event.organizationId === orgId) events.push({ type: event.type, payload: event.payload });
    });

    const res = await api.rest("POST", `/contacts/${survivor.id}/merge`, {
      token: owner.token,
      body: { sourceId: source.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    for (const dealId of dealIds) {
      const activities = await api.rest<PageDto<{ type: string; data: unknown; actorId: string | null }>>(
        "GET",
        `/deals/${dealId}/activities`,
        { token: owner.token },
      );
      expect(activities.body.items).toEqual([
        expect.objectContaining({
          type: "contact_changed",
          actorId: owner.user.id,
          data: { fromContactId: source.id, toContactId: survivor.id, reason: "contact_merged" },
        }),
      ]);
    }
    const untouchedActivities = await api.rest<PageDto<unknown>>("GET", `/deals/${untouched}/activities`, {
      token: owner.token,
    });
    expect(untouchedActivities.body.items).toEqual([]);

    await vi.waitFor(() => {
      expect(events.filter((event) => event.type === "deal_updated").map((event) => event.payload)).toEqual(
        expect.arrayContaining(
          dealIds.map((dealId) => expect.objectContaining({ dealId, changes: ["contact"] })),
        ),
      );
      expect(
        events.filter((event) => event.type === "contact_updated").map((event) => event.payload),
      ).toEqual(
        expect.arrayContaining([
          { contactId: survivor.id, change: "merged", mergedFromId: source.id },
          { contactId: source.id, change: "deleted" },
        ]),
      );
    });
    expect(events.filter((event) => event.type === "deal_updated")).toHaveLength(2);
    stop();
  });

  it("refuses to merge a contact into itself or an unknown one, and changes nothing", async () => {
    const owner = await api.register();
    const contact = await createContact(api, owner.token, { name: "Solo", phone: mobile(9) });
    const self = await api.rest<ErrorDto>("POST", `/contacts/${contact.id}/merge`, {
      token: owner.token,
      body: { sourceId: contact.id },
    });
    expect(self.status).toBe(400);
    expect(self.body.data.fieldErrors).toHaveProperty("sourceId");
    const selfInCapitals = await api.rest<ErrorDto>("POST", `/contacts/${contact.id}/merge`, {
      token: owner.token,
      body: { sourceId: contact.id.toUpperCase() },
    });
    expect(selfInCapitals.status).toBe(400);
    const unknown = await api.rest("POST", `/contacts/${contact.id}/merge`, {
      token: owner.token,
      body: { sourceId: "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f" },
    });
    expect(unknown.status).toBe(404);
    expect((await api.rest("GET", `/contacts/${contact.id}`, { token: owner.token })).status).toBe(200);
    const audit = await api.container.db.db
      .selectFrom("audit_logs")
      .select("id")
      .where("organization_id", "=", owner.organization.id)
      .execute();
    expect(audit).toEqual([]);
  });

  it.each(["viewer", "agent"] as const)(
    "merging as %s answers 403 (it deletes the source) and both contacts stay as they were",
    async (role) => {
      const owner = await api.register();
      const a = await createContact(api, owner.token, { name: "A" });
      const b = await createContact(api, owner.token, { name: "B", email: "b@example.com" });
      const member = await api.member(owner.token, role);
      const res = await api.rest("POST", `/contacts/${a.id}/merge`, {
        token: member.token,
        body: { sourceId: b.id },
      });
      expect(res.status).toBe(403);
      const after = await Promise.all(
        [a, b].map((contact) =>
          api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token }),
        ),
      );
      expect(after.map((r) => r.status)).toEqual([200, 200]);
      expect(after.map((r) => r.body)).toEqual([a, b]);
    },
  );
});
