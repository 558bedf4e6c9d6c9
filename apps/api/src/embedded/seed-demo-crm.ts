import {
  type Actor,
  addDealActivity,
  createCompany,
  createContact,
  createDeal,
  createTag,
  listPipelines,
} from "@crm/domain";
import type { Container } from "../container";

const day = 24 * 60 * 60 * 1000;
const calendarDate = (from: Date, days: number) =>
  new Date(from.getTime() + days * day).toISOString().slice(0, 10);

const companies = ["Padaria Pão Dourado", "Oficina Rápida Ltda"] as const;
const tags = [
  { name: "Cliente VIP", color: "#7c3aed" },
  { name: "Indicação", color: "#059669" },
] as const;

type CompanyName = (typeof companies)[number];
type TagName = (typeof tags)[number]["name"];

const contacts: Array<{
  name: string;
  phone?: string;
  email?: string;
  company?: CompanyName;
  tags?: TagName[];
}> = [
  {
    name: "Ana Beatriz Souza",
    phone: "+55 11 98765-4321",
    email: "ana.souza@example.com",
    company: "Padaria Pão Dourado",
    tags: ["Cliente VIP"],
  },
  { name: "Carlos Eduardo Lima", phone: "+55 21 99876-5432", company: "Oficina Rápida Ltda" },
  {
    name: "Fernanda Oliveira",
    phone: "+55 31 98123-4567",
    email: "fernanda.oliveira@example.com",
    tags: ["Indicação"],
  },
  { name: "João Pedro Santos", phone: "+55 85 99234-5678" },
  { name: "Mariana Costa", email: "mariana.costa@example.com", tags: ["Cliente VIP", "Indicação"] },
  { name: "Rafael Almeida", phone: "+55 51 98345-6789", company: "Oficina Rápida Ltda" },
];

/** By contact index and stage index of the default pipeline (Novo lead, Qualificado, Proposta, Negociação). */
const deals = [
  { title: "Encomenda de bolos para eventos", contact: 0, stage: 2, amount: "2450.00", closesIn: 14 },
  { title: "Revisão da frota (5 carros)", contact: 1, stage: 3, amount: "7800.00", closesIn: 7 },
  { title: "Plano mensal de consultoria", contact: 2, stage: 1, amount: "1200.00", closesIn: 30 },
  { title: "Primeiro contato pelo WhatsApp", contact: 3, stage: 0, amount: "350.00" },
  { title: "Kit de boas-vindas", contact: 4, stage: 0, amount: "890.90" },
  { title: "Manutenção preventiva", contact: 5, stage: 2, amount: "3100.00", closesIn: 21 },
];

/**
 * Something to look at in the demo organization: tags, companies, contacts and open deals on the default
 * pipeline's board, with a note and a task, written through the same use cases as the API. Conversations
 * come from a connected channel, so the inbox starts empty.
 */
export async function seedDemoCrm(container: Container, actor: Actor): Promise<void> {
  const tagIds = new Map<string, string>();
  for (const tag of tags) tagIds.set(tag.name, (await createTag(container.contacts, actor, tag)).id);
  const companyIds = new Map<string, string>();
  for (const name of companies)
    companyIds.set(name, (await createCompany(container.contacts, actor, { name })).id);

  const contactIds: string[] = [];
  for (const contact of contacts) {
    const created = await createContact(container.contacts, actor, {
      name: contact.name,
      phone: contact.phone ?? null,
      email: contact.email ?? null,
      companyId: contact.company ? companyIds.get(contact.company) : null,
      tagIds: contact.tags?.flatMap((name) => tagIds.get(name) ?? []),
    });
    contactIds.push(created.id);
  }

  const [pipeline] = (await listPipelines(container.deals, actor, { limit: 1 })).items;
  if (!pipeline) return;
  const today = container.deals.clock.now();
  const dealIds: string[] = [];
  for (const deal of deals) {
    const stage = pipeline.stages[deal.stage] ?? pipeline.stages[0];
    const contactId = contactIds[deal.contact];
    if (!stage || !contactId) continue;
    const created = await createDeal(container.deals, actor, {
      title: deal.title,
      contactId,
      pipelineId: pipeline.id,
      stage: stage.id,
      value: { amount: deal.amount, currency: "BRL" },
      expectedCloseDate: deal.closesIn === undefined ? null : calendarDate(today, deal.closesIn),
    });
    dealIds.push(created.id);
  }

  const [cakes, fleet] = dealIds;
  if (cakes)
    await addDealActivity(container.deals, actor, cakes, {
      type: "note",
      content: "A cliente pediu amostras dos sabores antes de fechar o pedido.",
    });
  if (fleet)
    await addDealActivity(container.deals, actor, fleet, {
      type: "task",
      content: "Ligar para confirmar a data de entrega dos carros.",
      dueAt: new Date(today.getTime() + day),
    });
}
