/**
 * CRM benchmark: one organization with 100,000 contacts and 50,000 deals (plus 10 smaller ones as noise) on
 * Postgres, then the contact search and the kanban board over HTTP (the real API in its own process) against the
 * same SQL sent straight through `pg`, both at concurrency 16. Prints p50/p95 and the HTTP/SQL ratios.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:crm [-- --explain]
 *
 * Works in a database of its own (crm_bench_crm, dropped at the end unless BENCH_KEEP=1).
 */
import { loadavg } from "node:os";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import type { Database } from "@crm/db/database.gen";
import { createDealsStore } from "@crm/db/deals/deals-store";
import { type Actor, dealBoard, listContacts } from "@crm/domain";
import type { Kysely } from "kysely";
import pg from "pg";
import {
  openBenchContainer,
  benchPassword as password,
  type SignedIn,
  signIn as signInAt,
  startBenchApi,
} from "../shared/api";
import { startBareHttp } from "../shared/bare-http";
import { prepareBenchDatabase } from "../shared/database";
import { createJsonClient } from "../shared/http-client";
import { readLoadSettings } from "../shared/load-settings";
import { measure } from "../shared/measure";
import { bareColumns, bareHeader, printTable } from "../shared/report";
import { captureStatements, explain, replay } from "../shared/sql-replay";
import { resultRow, tableHeader } from "./report";
import {
  dropIndexes,
  mainSize,
  noiseOrganizations,
  noiseSize,
  rebuildIndexes,
  seedOrganization,
} from "./seed";

// read once here; turbo does not run this script, so its env declarations do not apply
const settings: Record<string, string | undefined> = process.env;
const { concurrency, requests, warmup, apiNodeArgs, apiEnv, selected } = readLoadSettings(settings);
const benchDatabase = "crm_bench_crm";

interface Scenario {
  name: string;
  path: string;
  /** Runs the domain call the procedure makes once, so its SQL can be captured and replayed. */
  run(db: Kysely<Database>): Promise<unknown>;
  /** What a useful answer holds: the run fails rather than timing empty pages. */
  check(body: unknown): boolean;
}

async function main(): Promise<void> {
  // production mode, as deployed
  settings.NODE_ENV = "production";
  const { benchUrl, reuse, finish } = await prepareBenchDatabase(settings, benchDatabase, {
    countSql: `select count(*) as n from contacts
       where organization_id = (select id from organizations order by created_at limit 1)`,
    expected: mainSize.contacts,
  });

  const api = await startBenchApi(benchUrl, apiNodeArgs, apiEnv);
  const { baseUrl } = api;
  const { container, close: closeContainer } = await openBenchContainer(benchUrl);
  const pool = new pg.Pool({ connectionString: benchUrl, max: concurrency });

  const signIn = (path: string, body: object) => signInAt(baseUrl, path, body);
  const ownerEmail = "bench-owner@example.com";
  let owner: SignedIn;
  if (reuse) {
    owner = await signIn("/auth/login", { email: ownerEmail, password });
    console.log("reusing the seeded database (BENCH_REUSE=1)");
  } else {
    owner = await signIn("/auth/register", {
      organizationName: "Bench",
      name: "Bench Owner",
      email: ownerEmail,
      password,
    });
    const noise: SignedIn[] = [];
    for (let n = 0; n < noiseOrganizations; n += 1) {
      noise.push(
        await signIn("/auth/register", {
          organizationName: `Noise ${n}`,
          name: `Noise Owner ${n}`,
          email: `bench-noise-${n}@example.com`,
          password,
        }),
      );
    }
    const seeder = await pool.connect();
    const started = performance.now();
    const indexes = await dropIndexes(seeder);
    await seedOrganization(seeder, owner.organization.id, owner.user.id, mainSize);
    for (const other of noise)
      await seedOrganization(seeder, other.organization.id, other.user.id, noiseSize);
    await rebuildIndexes(seeder, indexes);
    seeder.release();
    console.log(
      `seeded ${mainSize.contacts.toLocaleString("en")} contacts and ${mainSize.deals.toLocaleString("en")} deals ` +
        `(+ ${noiseOrganizations} organizations of ${noiseSize.contacts.toLocaleString("en")} and ` +
        `${noiseSize.deals.toLocaleString("en")}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  const organizationId = owner.organization.id;
  const actor: Actor = {
    kind: "user",
    userId: owner.user.id,
    organizationId,
    role: "owner",
    sessionId: "bench",
  };
  const fixture = await pool.query<{ pipeline_id: string; phone: string }>(
    `select (select id from pipelines where organization_id = $1 order by created_at limit 1) as pipeline_id,
       (select phone from contacts where organization_id = $1 and phone is not null
        order by created_at desc offset 4242 limit 1) as phone`,
    [organizationId],
  );
  const { pipeline_id: pipelineId, phone } = fixture.rows[0] ?? {};
  if (!pipelineId || !phone) throw new Error("seed incomplete");
  // six digits from the middle of a real number, as someone types part of it
  const phoneFragment = phone.slice(6, 12);

  const search = (name: string, fragment: string): Scenario => ({
    name,
    path: `/contacts?limit=25&search=${encodeURIComponent(fragment)}`,
    run: (db) => listContacts(contactsDeps(db), actor, { search: fragment }, { limit: 25 }),
    check: (body) => (body as { items: unknown[] }).items.length > 0,
  });
  const contactsDeps = (db: Kysely<Database>) => ({ ...container.contacts, store: createContactsStore(db) });
  const dealsDeps = (db: Kysely<Database>) => ({ ...container.deals, store: createDealsStore(db) });
  const scenarios: Scenario[] = [
    search('search name "silva" (common)', "silva"),
    search('search name "cavalcanti"', "cavalcanti"),
    search('search email "beatriz.rocha"', "beatriz.rocha"),
    search(`search phone "${phoneFragment}"`, phoneFragment),
    {
      name: "board, open deals (4 columns)",
      path: `/pipelines/${pipelineId}/board?limit=25`,
      run: (db) => dealBoard(dealsDeps(db), actor, { pipelineId, limit: 25 }),
      check: (body) => (body as { columns: { deals: unknown[] }[] }).columns.every((c) => c.deals.length > 0),
    },
  ];

  const client = createJsonClient(baseUrl, owner.token);
  const bare = await startBareHttp(benchUrl);
  const rows: string[][] = [];
  for (const scenario of scenarios.filter((each) => selected(each.name))) {
    const statements = await captureStatements(pool, scenario.run);
    if (process.argv.includes("--explain")) await explain(pool, scenario.name, statements);
    const httpCpu = process.cpuUsage();
    const apiCpuBefore = api.cpuMs();
    const http = await measure(
      async () => {
        const response = await client.get(scenario.path);
        if (response.status !== 200)
          throw new Error(`${scenario.path}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
        if (!scenario.check(response.body)) throw new Error(`${scenario.path}: empty answer`);
      },
      { requests, concurrency, warmup },
    );
    const httpCpuMs = cpuMsPerRequest(httpCpu);
    const apiCpuMs = (api.cpuMs() - apiCpuBefore) / (requests + warmup);
    const bareHttp = await bare.measure(statements, { requests, concurrency, warmup });
    const sqlCpu = process.cpuUsage();
    const sql = await measure(() => replay(pool, statements), { requests, concurrency, warmup });
    const sqlCpuMs = cpuMsPerRequest(sqlCpu);
    rows.push([
      ...resultRow(`${scenario.name} [${statements.length} stmt]`, http, sql),
      apiCpuMs.toFixed(2),
      httpCpuMs.toFixed(2),
      sqlCpuMs.toFixed(2),
      ...bareColumns(http, bareHttp, sql),
    ]);
  }

  printTable(
    [...tableHeader, "API CPU/req", "client CPU/req HTTP", "client CPU/req SQL", ...bareHeader],
    rows,
  );
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  console.log(`\n${requests} timed requests per row after ${warmup} untimed, ${concurrency} at a time; ms.`);
  console.log(
    "CPU/req: CPU time per request of the API process, and of this process (the HTTP client, or the pg client).",
  );
  console.log(`load average at the end: ${load}`);

  client.close();
  await bare.close();
  await pool.end();
  await closeContainer();
  await api.close();
  await finish();
}

/** This process's CPU time (user + system) since `since`, per timed and untimed request, in ms. */
function cpuMsPerRequest(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 / (requests + warmup);
}

await main();
