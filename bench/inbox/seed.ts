import { randomUUID } from "node:crypto";
import type pg from "pg";

export const conversationCount = 50_000;
export const messagesPerConversation = 20;
export const agentCount = 10;

/** Words whose frequency is known, for searches of known selectivity. */
export const searchTerms = {
  /** one message in 1,000 */
  rare: "reembolso",
  /** one message in 100 */
  common: "boleto",
};

const greetings = ["Olá", "Oi", "Bom dia", "Boa tarde", "Boa noite", "Tudo bem?"];
const bodies = [
  "gostaria de saber o prazo de entrega do meu pedido",
  "o produto chegou com defeito na embalagem",
  "qual o valor do frete para São Paulo",
  "vocês aceitam pagamento por pix",
  "preciso da segunda via da nota fiscal",
  "quero trocar o tamanho da camiseta",
  "o pedido ainda não foi enviado",
  "consigo parcelar em três vezes no cartão",
  "a entrega está atrasada desde segunda",
  "pode me mandar o catálogo atualizado",
  "seu pedido foi confirmado e já está em separação",
  "enviamos o código de rastreio por email",
  "o prazo de entrega é de cinco dias úteis",
  "temos esse modelo em estoque na cor azul",
  "o desconto é válido até sexta-feira",
  "vou verificar com o setor financeiro",
  "obrigado pela paciência com a nossa equipe",
  "a troca pode ser feita em qualquer loja",
  "o pagamento foi aprovado pelo banco",
  "qual o horário de funcionamento da loja",
];
const closings = [
  "Obrigado!",
  "Aguardo retorno.",
  "Abraços.",
  "Até mais.",
  "",
  "",
  "Pode ser?",
  "Fico no aguardo.",
];

/** A valid version-4 UUID derived from a text: the same input always gives the same id. */
export const uuidOf = (text: string): string =>
  `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * One organization's inbox, written by generate_series in a few statements: agents, contacts, conversations
 * (newest activity first by number), then messages (conversation c gets messages g with g % 50,000 = c).
 */
export async function seedInbox(client: pg.ClientBase, organizationId: string): Promise<void> {
  const agentIds = Array.from({ length: agentCount }, () => randomUUID());
  await client.query(
    `insert into users (id, organization_id, email, name, role)
     select id, $1::uuid, 'bench-agent-' || n || '-' || left($1::text, 8) || '@example.com', 'Agent ' || n, 'agent'
     from unnest($2::uuid[]) with ordinality as agents (id, n)`,
    [organizationId, agentIds],
  );
  await client.query("create temporary table bench_clock as select now() as t");
  await client.query(
    `insert into contacts (id, organization_id, name, phone, email)
     select ${uuidOf("$1::text || 'contact' || c")}, $1::uuid, 'Cliente ' || c, '+55119' || lpad(c::text, 8, '0'),
       'cliente' || c || '@example.com'
     from generate_series(0, $2 - 1) c`,
    [organizationId, conversationCount],
  );
  await client.query(
    `insert into conversations (id, organization_id, contact_id, channel, channel_thread_id, status, snoozed_until,
       assigned_to, last_message_at, last_inbound_at, unread_count, last_message_preview, created_at, updated_at)
     select ${uuidOf("$1::text || 'conversation' || c")}, $1::uuid, ${uuidOf("$1::text || 'contact' || c")},
       case when c % 4 = 3 then 'telegram' else 'whatsapp' end, '55119' || lpad(c::text, 8, '0'),
       case when c % 20 < 12 then 'open' when c % 20 < 15 then 'pending' when c % 20 = 15 then 'snoozed' else 'closed' end,
       case when c % 20 = 15 then t + interval '1 day' end,
       case when c % 3 = 0 then null else ($3::uuid[])[1 + c % $4] end,
       t - make_interval(secs => c * 37), t - make_interval(secs => c * 37 + (c % 2) * 180),
       case when c % 7 = 0 then 1 + c % 3 else 0 end, 'Olá, tudo bem?', t - interval '30 days', t
     from generate_series(0, $2 - 1) c, bench_clock`,
    [organizationId, conversationCount, agentIds, agentCount],
  );
  // building the indexes once after the insert is several times faster than maintaining them row by row
  const indexes = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes
     where tablename = 'messages' and indexname not in (select conname from pg_constraint)`,
  );
  for (const index of indexes.rows) await client.query(`drop index ${index.indexname}`);
  await client.query(
    `insert into messages (organization_id, conversation_id, channel, direction, sender_type, content, status,
       sent_at, created_at)
     select $1::uuid, ${uuidOf("$1::text || 'conversation' || (g % $2::int)")},
       case when (g % $2::int) % 4 = 3 then 'telegram' else 'whatsapp' end,
       case when (g / $2::int) % 2 = 0 then 'inbound' else 'outbound' end,
       case when (g / $2::int) % 2 = 0 then 'contact' else 'agent' end,
       ($4::text[])[1 + g % 6] || ', ' || ($5::text[])[1 + (g * 7) % 20] || '. ' || ($6::text[])[1 + (g * 13) % 8]
         || case when g % 1000 = 3 then ' Quero cancelar e pedir reembolso.'
                 when g % 100 = 11 then ' Segue o boleto em anexo.' else '' end,
       case when (g / $2::int) % 2 = 1 then 'read' end,
       t - make_interval(secs => (g % $2::int) * 37 + ($3::int - 1 - g / $2::int) * 180),
       t - make_interval(secs => (g % $2::int) * 37 + ($3::int - 1 - g / $2::int) * 180)
     from generate_series(0, $2::int * $3::int - 1) g, bench_clock`,
    [organizationId, conversationCount, messagesPerConversation, greetings, bodies, closings],
  );
  await client.query("set maintenance_work_mem = '512MB'");
  for (const index of indexes.rows) await client.query(index.indexdef);
  await client.query("drop table bench_clock");
  await client.query("analyze users, contacts, conversations, messages");
}
