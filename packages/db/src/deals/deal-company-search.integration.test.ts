import type { DealFilter, Pipeline } from "@crm/domain";
import { CompiledQuery, type KyselyPlugin, type QueryId } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createDealRepository } from "./deal-repository";
import { organizationWithPipeline } from "./pipeline-fixtures";

/* The deal search finds deals by their contact's company name, as the contact search finds the people there. */

let handle: DatabaseHandle;
let organizationId: string;
let otherOrganizationId: string;
const titles = new Map<string, string>();

async function dealOfSomeoneAt(
  orgId: string,
  pipeline: Pipeline,
  title: string,
  person: string,
  companyName: string | null,
) {
  const company = companyName
    ? await handle.db
        .insertInto("companies")
        .values({ organization_id: orgId, name: companyName })
        .returning("id")
        .executeTakeFirstOrThrow()
    : undefined;
  const contact = await handle.db
    .insertInto("contacts")
    .values({ organization_id: orgId, name: person, company_id: company?.id ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const deal = await handle.db
    .insertInto("deals")
    .values({
      organization_id: orgId,
      pipeline_id: pipeline.id,
      stage: pipeline.stages[0]?.id ?? "",
      title,
      contact_id: contact.id,
      value: "10.00",
      currency: "BRL",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  titles.set(deal.id, title);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const ours = await organizationWithPipeline(handle.db, "Company search", [{ name: "Lead" }]);
  organizationId = ours.organizationId;
  // neither the titles nor the people's names hold the companies' words: a match is the company's
  await dealOfSomeoneAt(
    organizationId,
    ours.pipeline,
    "Encomenda de bolos",
    "Carla Mendes",
    "Padaria Pão Dourado",
  );
  await dealOfSomeoneAt(organizationId, ours.pipeline, "Troca de óleo", "Téo Moura", "Oficina São João");
  await dealOfSomeoneAt(organizationId, ours.pipeline, "Consultoria", "Dora Lins", null);
  const theirs = await organizationWithPipeline(handle.db, "Other", [{ name: "Lead" }]);
  otherOrganizationId = theirs.organizationId;
  await dealOfSomeoneAt(otherOrganizationId, theirs.pipeline, "Alheio", "Estranho", "Padaria Pão Dourado");
}, 60_000);

afterAll(() => handle?.close());

async function search(filter: DealFilter, orgId = organizationId) {
  const page = await createDealRepository(handle.db).list(orgId, filter, { limit: 100 });
  return page.items.map((item) => titles.get(item.id)).sort();
}

/** The plan of each statement `work` sends, explained with the parameters it was sent with. */
async function plansOf(work: (repository: ReturnType<typeof createDealRepository>) => Promise<unknown>) {
  // subqueries pass through transformQuery too: keep the statements that returned a result
  const seen = new Map<QueryId, CompiledQuery>();
  const sent: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      seen.set(args.queryId, handle.db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => {
      const query = seen.get(args.queryId);
      if (query) sent.push(query);
      return args.result;
    },
  };
  await work(createDealRepository(handle.db.withPlugin(capture)));
  const plans: string[] = [];
  for (const query of sent) {
    const { rows } = await handle.db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
    );
    plans.push(rows.map((row) => Object.values(row).join(" ")).join("\n"));
  }
  return plans.join("\n");
}

describe("searching deals by their contact's company", () => {
  it.each([
    ["padaria", ["Encomenda de bolos"]],
    ["PÃO DOURADO", ["Encomenda de bolos"]],
    ["pao dour", ["Encomenda de bolos"]],
    ["Padaria Pão Dourado", ["Encomenda de bolos"]],
    ["sao joão", ["Troca de óleo"]],
    ["OFICINA", ["Troca de óleo"]],
  ])("%j finds %j, accents and letter case aside", async (query, expected) => {
    expect(await search({ search: query })).toEqual(expected);
  });

  it("adds no deal when no company matches, and never reaches another organization's company", async () => {
    expect(await search({ search: "zzz" })).toEqual([]);
    expect(await search({ search: "dora" })).toEqual(["Consultoria"]);
    expect(await search({ search: "padaria" }, otherOrganizationId)).toEqual(["Alheio"]);
  });

  it("compares the companies' stored key (0048's trigram index), never their names a row at a time", async () => {
    const plan = await plansOf((repository) => repository.list(organizationId, { search: "PÃO" }, {}));
    expect(plan).toMatch(/ on companies/);
    expect(plan).toMatch(/name_key ~~ '%pao%'::text/);
    expect(plan).not.toMatch(/crm_unaccent\((companies\.)?name\)/);
  });
});
