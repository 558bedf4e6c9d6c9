/**
 * Inbox benchmark: 1,000,000 messages in 50,000 conversations of one organization on Postgres, then the
 * inbox list and message search over HTTP (the real API in this process) against the same SQL sent
 * straight through `pg`, both at concurrency 16. Prints p50/p95 and the HTTP/SQL ratios.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:inbox [-- --explain]
 *
 * Works in a database of its own (crm_bench_inbox, dropped at the end unless BENCH_KEEP=1).
 */

import { inboxList } from "@crm/db/conversations/conversation-list";
import { createConversationRepository } from "@crm/db/conversations/conversation-repository";
import { createMessageRepository } from "@crm/db/conversations/message-repository";
import { encodeKeyset } from "@crm/db/shared/keyset";
import pg from "pg";
import { benchPassword, type SignedIn, signIn, startBenchApi } from "../shared/api";
import { startBareHttp } from "../shared/bare-http";
import { prepareBenchDatabase } from "../shared/database";
import { createJsonClient } from "../shared/http-client";
import { readLoadSettings } from "../shared/load-settings";
import { measure } from "../shared/measure";
import { bareColumns, bareHeader, latencyHeader, latencyRow, printTable } from "../shared/report";
import { captureStatements, explain, replay } from "../shared/sql-replay";
import { conversationCount, messagesPerConversation, searchTerms, seedInbox, uuidOf } from "./seed";

// read once here; turbo does not run this script, so its env declarations do not apply
const settings: Record<string, string | undefined> = process.env;
const { concurrency, requests, warmup, apiNodeArgs, apiEnv, selected } = readLoadSettings(settings);
const benchDatabase = "crm_bench_inbox";

interface Scenario {
  name: string;
  path: string;
  /** Runs the repository call once, so its SQL can be captured and replayed. */
  run(repos: Repos): Promise<unknown>;
}

type Repos = {
  conversations: ReturnType<typeof createConversationRepository>;
  messages: ReturnType<typeof createMessageRepository>;
};

const all = { kind: "all" } as const;

async function main(): Promise<void> {
  // production mode, as deployed: outside it trpc-to-openapi validates the whole OpenAPI document on every REST call
  settings.NODE_ENV = "production";
  const { benchUrl, reuse, finish } = await prepareBenchDatabase(settings, benchDatabase, {
    countSql: "select count(*) as n from messages",
    expected: conversationCount * messagesPerConversation,
  });

  const api = await startBenchApi(benchUrl, apiNodeArgs, apiEnv);
  const { baseUrl } = api;

  const pool = new pg.Pool({ connectionString: benchUrl, max: concurrency });
  const owner = { email: "bench-owner@example.com", password: benchPassword };
  let signedIn: SignedIn;
  if (reuse) {
    signedIn = await signIn(baseUrl, "/auth/login", owner);
    console.log("reusing the seeded database (BENCH_REUSE=1)");
  } else {
    signedIn = await signIn(baseUrl, "/auth/register", {
      organizationName: "Bench",
      name: "Bench Owner",
      ...owner,
    });
    const seedClient = await pool.connect();
    const seedStarted = performance.now();
    await seedInbox(seedClient, signedIn.organization.id);
    seedClient.release();
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const total = conversationCount * messagesPerConversation;
    console.log(
      `seeded ${total.toLocaleString("en")} messages in ${conversationCount.toLocaleString("en")} conversations ` +
        `in ${seedSeconds.toFixed(1)} s`,
    );
  }
  const { token } = signedIn;
  const organizationId = signedIn.organization.id;
  // the API counts the signed-in user's unread messages in the same statement; so does the SQL side
  const reader = signedIn.user.id;

  const deep = await pool.query<{ last_message_at: Date; id: string }>(
    `select last_message_at, id from conversations where id = ${uuidOf("$1::text || 'conversation' || 10000")}`,
    [organizationId],
  );
  const deepRow = deep.rows[0];
  if (!deepRow) throw new Error("seed incomplete");
  const deepCursor = encodeKeyset({ at: deepRow.last_message_at.toISOString(), id: deepRow.id }, inboxList);

  const scenarios: Scenario[] = [
    {
      name: "inbox, first page",
      path: "/conversations?limit=25",
      run: (r) => r.conversations.list(organizationId, all, {}, { limit: 25 }, reader),
    },
    {
      name: "inbox, open + unassigned",
      path: "/conversations?limit=25&status=open&assignee=unassigned",
      run: (r) =>
        r.conversations.list(
          organizationId,
          all,
          { status: "open", assignee: "unassigned" },
          { limit: 25 },
          reader,
        ),
    },
    {
      name: "inbox, page after 10,000 (cursor)",
      path: `/conversations?limit=25&cursor=${encodeURIComponent(deepCursor)}`,
      run: (r) => r.conversations.list(organizationId, all, {}, { limit: 25, cursor: deepCursor }, reader),
    },
    ...(["recent", "relevance"] as const).flatMap((order) =>
      [
        { term: searchTerms.rare, hits: "1,000" },
        { term: searchTerms.common, hits: "10,000" },
      ].map(({ term, hits }) => ({
        name: `search "${term}" (${hits} hits), ${order}`,
        path: `/messages?limit=25&q=${term}${order === "relevance" ? "&sort=relevance" : ""}`,
        run: (r: Repos) => r.messages.search(organizationId, all, { query: term, order }, { limit: 25 }),
      })),
    ),
  ];

  const client = createJsonClient(baseUrl, token);
  const bare = await startBareHttp(benchUrl);
  const rows: string[][] = [];
  for (const scenario of scenarios.filter((each) => selected(each.name))) {
    const statements = await captureStatements(pool, (db) =>
      scenario.run({
        conversations: createConversationRepository(db),
        messages: createMessageRepository(db),
      }),
    );
    if (process.argv.includes("--explain")) await explain(pool, scenario.name, statements);
    const apiCpuBefore = api.cpuMs();
    const http = await measure(
      async () => {
        const response = await client.get(scenario.path);
        if (response.status !== 200)
          throw new Error(`${scenario.path}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
        if ((response.body as { items: unknown[] }).items.length === 0)
          throw new Error(`${scenario.path}: no items`);
      },
      { requests, concurrency, warmup },
    );
    const apiCpuMs = (api.cpuMs() - apiCpuBefore) / (requests + warmup);
    const bareHttp = await bare.measure(statements, { requests, concurrency, warmup });
    const sql = await measure(() => replay(pool, statements), { requests, concurrency, warmup });
    rows.push([
      ...latencyRow(`${scenario.name} [${statements.length} stmt]`, http, sql),
      apiCpuMs.toFixed(2),
      ...bareColumns(http, bareHttp, sql),
    ]);
  }

  printTable([...latencyHeader, "API CPU/req", ...bareHeader], rows);
  console.log(`\n${requests} timed requests per row after ${warmup} untimed, ${concurrency} at a time; ms.`);
  console.log("API CPU/req: CPU time of the API process per request (timed and untimed).");
  client.close();
  await bare.close();

  await pool.end();
  await api.close();
  await finish();
}

await main();
