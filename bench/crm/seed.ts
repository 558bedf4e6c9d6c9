import type pg from "pg";
import { uuidOf } from "../inbox/seed";

export interface OrganizationSize {
  contacts: number;
  deals: number;
  companies: number;
}

export const mainSize: OrganizationSize = { contacts: 100_000, deals: 50_000, companies: 2_000 };
export const noiseSize: OrganizationSize = { contacts: 10_000, deals: 5_000, companies: 200 };
export const noiseOrganizations = 10;

// biome-ignore format: a table of names
const firstNames = [
  "Ana", "Maria", "João", "José", "Pedro", "Lucas", "Gabriel", "Rafael", "Mateus", "Gustavo",
  "Felipe", "Bruno", "Carlos", "Paulo", "Marcos", "Thiago", "Rodrigo", "Diego", "Leonardo", "Eduardo",
  "Fernanda", "Juliana", "Camila", "Beatriz", "Larissa", "Patrícia", "Aline", "Bruna", "Amanda", "Letícia",
  "Mariana", "Gabriela", "Vitória", "Luana", "Isabela", "Júlia", "Luíza", "Helena", "Sofia", "Valentina",
  "Antônio", "Francisco", "Raimundo", "Sebastião", "Luiz", "Cláudia", "Sandra", "Adriana", "Márcia", "Vanessa",
  "Renata", "Débora", "Tatiane", "Sérgio", "Fábio", "Márcio", "Cristiano", "Otávio", "Heitor", "Enzo",
];

/** Common surnames repeated, so that some fragments match many contacts and others few. */
// biome-ignore format: a table of names
const surnames = [
  "Silva", "Silva", "Silva", "Silva", "Silva", "Silva", "Santos", "Santos", "Santos", "Santos",
  "Oliveira", "Oliveira", "Oliveira", "Souza", "Souza", "Souza", "Rodrigues", "Rodrigues", "Ferreira", "Ferreira",
  "Alves", "Alves", "Pereira", "Pereira", "Lima", "Lima", "Gomes", "Costa", "Ribeiro", "Martins",
  "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento",
  "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves",
  "Santana", "Teixeira", "Cavalcanti", "Araújo", "Monteiro", "Moura", "Correia", "Pinto", "Barros", "Campos",
  "Xavier", "Brito", "Bezerra", "Farias", "Macedo", "Sampaio", "Queiroz",
];

const emailDomains = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com.br", "uol.com.br", "bol.com.br"];
const areaCodes = ["11", "21", "31", "41", "51", "61", "71", "81", "85", "19", "27", "47", "62", "92"];
const companyWords = [
  "Comércio",
  "Distribuidora",
  "Tecnologia",
  "Alimentos",
  "Serviços",
  "Construtora",
  "Logística",
];
const tagNames = [
  "Cliente VIP",
  "Lead quente",
  "Atacado",
  "Varejo",
  "Indicação",
  "Instagram",
  "Feira 2026",
  "Inadimplente",
];
const dealTitles = ["Pedido", "Plano anual", "Renovação", "Orçamento", "Implantação", "Consultoria"];
const lostReasons = ["Preço", "Escolheu concorrente", "Sem resposta", "Sem orçamento"];

const accented = "ÁÂÃÀÉÊÍÓÔÕÚÇáâãàéêíóôõúüç";
const plain = "AAAAEEIOOOUCaaaaeeiooouuc";

/** Contact c's name parts: a deterministic spread over the tables (multipliers coprime with their sizes). */
const firstNameOf = (c: string) => `($3::text[])[1 + (${c} * 7) % ${firstNames.length}]`;
const surnameOf = (c: string, salt: number) =>
  `($4::text[])[1 + ((${c} + ${salt}) * 13 / 5) % ${surnames.length}]`;
const ascii = (text: string) => `lower(translate(${text}, '${accented}', '${plain}'))`;

/**
 * One organization's CRM data in a few generate_series statements: companies, tags, contacts (realistic
 * Brazilian names, lower-cased emails for 85 %, E.164 mobile numbers for 90 %, a company for 30 %, tags for
 * 40 %) and deals spread over the organization's default pipeline (70 % open, 20 % won, 10 % lost).
 */
export async function seedOrganization(
  client: pg.ClientBase,
  organizationId: string,
  ownerId: string,
  size: OrganizationSize,
): Promise<void> {
  await client.query(
    `insert into companies (id, organization_id, name, created_at)
     select ${uuidOf("$1::text || 'company' || k")}, $1::uuid,
       ($3::text[])[1 + k % ${companyWords.length}] || ' ' || ($4::text[])[1 + (k * 7) % ${surnames.length}] || ' ' || k
         || case when k % 3 = 0 then ' Ltda' else ' ME' end,
       now() - make_interval(days => k % 700)
     from generate_series(0, $2 - 1) k`,
    [organizationId, size.companies, companyWords, surnames],
  );
  await client.query(
    `insert into tags (id, organization_id, name, color)
     select ${uuidOf("$1::text || 'tag' || n")}, $1::uuid, name, '#' || substr(md5(name), 1, 6)
     from unnest($2::text[]) with ordinality as tag (name, n)`,
    [organizationId, tagNames],
  );
  await client.query(
    `insert into contacts (id, organization_id, name, email, phone, company_id, metadata, created_at, updated_at)
     select ${uuidOf("$1::text || 'contact' || c")}, $1::uuid,
       ${firstNameOf("c")} || ' ' || case when c % 4 = 0 then ${surnameOf("c", 17)} || ' ' else '' end || ${surnameOf("c", 0)},
       case when c % 20 < 17 then
         ${ascii(firstNameOf("c"))} || '.' || ${ascii(surnameOf("c", 0))} || c || '@' || ($5::text[])[1 + c % 6]
       end,
       case when c % 10 < 9 then
         '+55' || ($6::text[])[1 + c % ${areaCodes.length}] || '9' || lpad(((c::bigint * 48271 + 7) % 100000000)::text, 8, '0')
       end,
       case when c % 10 < 3 then ${uuidOf("$1::text || 'company' || (c % $7)")} end,
       case when c % 5 = 0 then jsonb_build_object('origem', case when c % 2 = 0 then 'site' else 'loja' end)
         else '{}'::jsonb end,
       now() - make_interval(secs => c * 631), now() - make_interval(secs => c * 631)
     from generate_series(0, $2 - 1) c`,
    [organizationId, size.contacts, firstNames, surnames, emailDomains, areaCodes, size.companies],
  );
  await client.query(
    `insert into contact_tags (contact_id, tag_id, organization_id)
     select ${uuidOf("$1::text || 'contact' || c")}, ${uuidOf("$1::text || 'tag' || (1 + (c + k) % $3)")}, $1::uuid
     from generate_series(0, $2 - 1) c, generate_series(0, 1) k
     where c % 5 < 2 and (k = 0 or c % 3 = 0)`,
    [organizationId, size.contacts, tagNames.length],
  );
  await client.query(
    `insert into deals (organization_id, contact_id, pipeline_id, stage, title, value, currency, assigned_to, status,
       lost_reason, stage_entered_at, won_at, lost_at, expected_close_date, created_at, updated_at)
     select $1::uuid, ${uuidOf("$1::text || 'contact' || ((d * 7) % $3)")}, p.id,
       p.stage_ids[1 + d % array_length(p.stage_ids, 1)],
       ($4::text[])[1 + d % ${dealTitles.length}] || ' #' || (10000 + d),
       round((100 + (d * 7919) % 50000 + (d % 100) / 100.0)::numeric, 2),
       case when d % 50 = 0 then 'USD' else 'BRL' end,
       case when d % 3 = 0 then null else $5::uuid end,
       case when d % 10 < 7 then 'open' when d % 10 < 9 then 'won' else 'lost' end,
       case when d % 10 = 9 then ($6::text[])[1 + d % ${lostReasons.length}] end,
       now() - make_interval(secs => d * 157),
       case when d % 10 in (7, 8) then now() - make_interval(secs => d * 101) end,
       case when d % 10 = 9 then now() - make_interval(secs => d * 101) end,
       (current_date + (d % 90))::date,
       now() - make_interval(secs => d * 211), now() - make_interval(secs => d * 101)
     from generate_series(0, $2 - 1) d,
       (select pipelines.id, array(select s ->> 'id' from jsonb_array_elements(pipelines.stages) s) as stage_ids
        from pipelines where organization_id = $1 order by created_at limit 1) p`,
    [organizationId, size.deals, size.contacts, dealTitles, ownerId, lostReasons],
  );
}

/** Drops the secondary indexes of the bulk-loaded tables; the returned statements build them again. */
export async function dropIndexes(client: pg.ClientBase): Promise<string[]> {
  const indexes = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes
     where tablename in ('contacts', 'deals', 'contact_tags', 'companies')
       and indexname not in (select conname from pg_constraint)`,
  );
  for (const index of indexes.rows) await client.query(`drop index ${index.indexname}`);
  return indexes.rows.map((index) => index.indexdef);
}

export async function rebuildIndexes(client: pg.ClientBase, definitions: string[]): Promise<void> {
  await client.query("set maintenance_work_mem = '512MB'");
  for (const definition of definitions) await client.query(definition);
  await client.query(
    "analyze organizations, users, sessions, companies, tags, contacts, contact_tags, deals, pipelines",
  );
}
