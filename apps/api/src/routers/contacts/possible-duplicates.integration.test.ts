import { createContactRepository } from "@crm/db/contacts/contact-repository";
import { duplicateCriteria, type Email, type Phone } from "@crm/domain";
import { ExplainNode, type KyselyPlugin, SelectQueryNode, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { insertMessage } from "../conversations/conversation-fixtures";
import { type ContactDto, createContact } from "./contact-fixtures";

const api = useTestApi();

interface DuplicatesDto {
  items: Array<{ contact: ContactDto; signals: string[] }>;
}

const duplicatesOf = (token: string, id: string, query = "") =>
  api.rest<DuplicatesDto>("GET", `/contacts/${id}/duplicates${query}`, { token });

/** A contact written as older data or a channel left it: a Brazilian mobile without its ninth digit. */
async function insertContact(
  organizationId: string,
  values: { name: string; phone?: string; email?: string },
) {
  return api.container.db.db
    .insertInto("contacts")
    .values({ organization_id: organizationId, name: values.name, phone: values.phone, email: values.email })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe("possible duplicates of a contact", () => {
  it("finds each signal, most signals first, never the contact itself nor unrelated contacts", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const joao = await createContact(api, owner.token, {
      name: "João da Silva",
      phone: "+5511987654321",
      email: "joao.silva@gmail.com",
    });
    const byName = await createContact(api, owner.token, { name: "JOAO DA SILVA" });
    const byPhone = await insertContact(orgId, { name: "Cliente WhatsApp", phone: "+551187654321" });
    const byLocalPart = await createContact(api, owner.token, {
      name: "J. Silva",
      email: "joao.silva@empresa.com.br",
    });
    const byNameAndLocalPart = await createContact(api, owner.token, {
      name: "Joao da Silva",
      email: "joao.silva@hotmail.com",
    });
    await createContact(api, owner.token, { name: "João da Silva Filho", phone: "+5511912345678" });
    await createContact(api, owner.token, { name: "Maria", email: "maria.silva@gmail.com" });

    const res = await duplicatesOf(owner.token, joao.id, "?limit=10");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((item) => [item.contact.id, item.signals])).toEqual([
      [byNameAndLocalPart.id, ["name", "emailLocalPart"]],
      [byPhone.id, ["phone"]],
      [byLocalPart.id, ["emailLocalPart"]],
      [byName.id, ["name"]],
    ]);
    expect(res.body.items[0]?.contact).toMatchObject({
      name: "Joao da Silva",
      email: "joao.silva@hotmail.com",
    });

    // the same over tRPC: one procedure
    const viaTrpc = await api.trpc(owner.token).contacts.duplicates.query({ id: joao.id, limit: 2 });
    expect(viaTrpc.items.map((item) => item.contact.id)).toEqual([byNameAndLocalPart.id, byPhone.id]);

    // the one without the ninth digit finds the complete one back
    const back = await duplicatesOf(owner.token, byPhone.id);
    expect(back.body.items.map((item) => [item.contact.id, item.signals])).toEqual([[joao.id, ["phone"]]]);
  });

  it("does not take a shared mailbox's local part (contato@) as a signal", async () => {
    const owner = await api.register();
    const shop = await createContact(api, owner.token, { name: "Loja A", email: "contato@lojaa.com.br" });
    await createContact(api, owner.token, { name: "Loja B", email: "contato@lojab.com.br" });
    const res = await duplicatesOf(owner.token, shop.id);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it("stays in the organization: another tenant's namesake is not offered, its contact answers 404", async () => {
    const owner = await api.register();
    const other = await api.register();
    const ana = await createContact(api, owner.token, { name: "Ana Lima", phone: "+5521987650000" });
    await createContact(api, other.token, { name: "Ana Lima", phone: "+552187650000" });
    expect((await duplicatesOf(owner.token, ana.id)).body.items).toEqual([]);
    const foreign = await duplicatesOf(other.token, ana.id);
    expect(foreign.status).toBe(404);
  });

  it("answers agents and viewers too: contacts are shared by the whole organization", async () => {
    const owner = await api.register();
    const ana = await createContact(api, owner.token, { name: "Ana Lima" });
    const twin = await createContact(api, owner.token, { name: "Ána Lima" });
    for (const role of ["agent", "viewer"] as const) {
      const member = await api.member(owner.token, role);
      const res = await duplicatesOf(member.token, ana.id);
      expect(res.status).toBe(200);
      expect(res.body.items.map((item) => item.contact.id)).toEqual([twin.id]);
    }
  });

  it("is served by the indexes on a realistic table, not a scan of the organization's contacts", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const { db } = api.container.db;
    await sql`
      insert into contacts (organization_id, name, phone, email)
      select ${orgId}::uuid, 'Pessoa ' || n, '+55119' || lpad((70000000 + n)::text, 8, '0'), 'pessoa' || n || '@exemplo.com.br'
      from generate_series(1, 20000) as n`.execute(db);
    await sql`analyze contacts`.execute(db);
    const target = await createContact(api, owner.token, {
      name: "Pessoa 42",
      phone: "+5511987654321",
      email: "pessoa43@gmail.com",
    });
    const res = await duplicatesOf(owner.token, target.id);
    expect(res.body.items.map((item) => item.contact.name).sort()).toEqual(["Pessoa 42", "Pessoa 43"]);

    // the repository's own statement (the one with a LIMIT), explained instead of run
    const plans: string[] = [];
    const explaining: KyselyPlugin = {
      transformQuery: ({ node }) =>
        SelectQueryNode.is(node) && node.limit ? { ...node, explain: ExplainNode.create() } : node,
      transformResult: async ({ result }) => {
        const lines = result.rows.map((row) => row["QUERY PLAN"]).filter((line) => typeof line === "string");
        if (lines.length === 0) return result;
        plans.push(lines.join("\n"));
        return { ...result, rows: [] };
      },
    };
    const repository = createContactRepository(db.withPlugin(explaining));
    const criteria = duplicateCriteria({
      phone: "+5511987654321" as Phone,
      email: "pessoa43@gmail.com" as Email,
    });
    await repository.possibleDuplicates(orgId, target.id, criteria, 5);
    const plan = plans.join("\n");
    // one bitmap per signal, ORed: never a scan of the contacts table
    expect(plan).not.toMatch(/Seq Scan on contacts/);
    expect(plan).toMatch(/BitmapOr/);
    expect(plan).toMatch(/Index Scan on idx_contacts_org_name\b/);
    expect(plan).toMatch(/Index Scan on idx_contacts_(org_)?phone/);
    expect(plan).toMatch(/Index Scan on idx_contacts_org_email_local\b/);
  });
});

describe("what deleting a contact affects", () => {
  it("counts its conversations, their messages, its deals and their pending payment links", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const { db } = api.container.db;
    const contact = await createContact(api, owner.token, { name: "Caio Ferraz" });
    const other = await createContact(api, owner.token, { name: "Outro" });
    const conversations = await db
      .insertInto("conversations")
      .values([
        { organization_id: orgId, contact_id: contact.id, channel: "whatsapp" },
        { organization_id: orgId, contact_id: contact.id, channel: "telegram" },
        { organization_id: orgId, contact_id: other.id, channel: "whatsapp" },
      ])
      .returning("id")
      .execute();
    const [first, second, others] = conversations.map((row) => row.id);
    if (!first || !second || !others) throw new Error("conversations were not created");
    for (const [id, content] of [
      [first, "Oi"],
      [first, "Tudo bem?"],
      [second, "Olá"],
      [others, "Não conta"],
    ] as const) {
      await insertMessage(api, id, { content });
    }
    const pipeline = await db
      .insertInto("pipelines")
      .values({ organization_id: orgId, name: "Vendas", stages: JSON.stringify([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const deals = await db
      .insertInto("deals")
      .values(
        [contact.id, contact.id, other.id].map((contactId) => ({
          organization_id: orgId,
          contact_id: contactId,
          pipeline_id: pipeline.id,
          stage: "new",
          title: "Mesa",
          value: "900.00",
        })),
      )
      .returning("id")
      .execute();
    const statuses = ["pending", "pending", "paid"] as const;
    await db
      .insertInto("payments")
      .values([
        ...statuses.map((status) => ({
          organization_id: orgId,
          deal_id: deals[0]?.id ?? null,
          provider: "stripe" as const,
          amount: "100.00",
          status,
        })),
        { organization_id: orgId, deal_id: deals[2]?.id ?? null, provider: "stripe", amount: "1.00" },
      ])
      .execute();

    const res = await api.rest("GET", `/contacts/${contact.id}/deletion-impact`, { token: owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ conversations: 2, messages: 3, deals: 2, pendingPaymentLinks: 2 });

    const empty = await api.trpc(owner.token).contacts.deletionImpact.query({ id: other.id });
    expect(empty).toEqual({ conversations: 1, messages: 1, deals: 1, pendingPaymentLinks: 1 });
  });

  it("answers 404 for another organization's contact and 403 to those who may not delete", async () => {
    const owner = await api.register();
    const other = await api.register();
    const contact = await createContact(api, owner.token, { name: "Caio" });
    const path = `/contacts/${contact.id}/deletion-impact`;
    expect((await api.rest("GET", path, { token: other.token })).status).toBe(404);
    const agent = await api.member(owner.token, "agent");
    expect((await api.rest("GET", path, { token: agent.token })).status).toBe(403);
  });
});
