/**
 * Inbox benchmark: 1,000,000 messages in 50,000 conversations of one organization on Postgres, then the
 * inbox list and message search over HTTP (the real API in this process) against the same SQL sent
 * straight through `pg`, both at concurrency 16. Prints p50/p95 and the HTTP/SQL ratios.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:inbox [-- --explain]
 *
 * Works in a database of its own (crm_bench_inbox, dropped at the end unless BENCH_KEEP=1).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "@crm/api/app";
import { createContainer } from "@crm/api/container";
import { loadEnv } from "@crm/api/env";
import { createLogger } from "@crm/api/logger";
import { migrateToLatest } from "@crm/db";
import { openPostgres } from "@crm/db/client";
import { createConversationRepository } from "@crm/db/conversations/conversation-repository";
import { encodeKeyset } from "@crm/db/conversations/keyset";
import { createMessageRepository } from "@crm/db/conversations/message-repository";
import type { Database } from "@crm/db/database.gen";
import { serve } from "@hono/node-server";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { type LatencyStats, measure } from "./measure";
import { conversationCount, messagesPerConversation, searchTerms, seedInbox, uuidOf } from "./seed";

// read once here; turbo does not run this script, so its env declarations do not apply
const settings: Record<string, string | undefined> = process.env;
const concurrency = Number(settings.BENCH_CONCURRENCY ?? 16);
const requests = Number(settings.BENCH_REQUESTS ?? 400);
const warmup = 48;
const targetP95Ms = 50;
const benchDatabase = "crm_bench_inbox";

interface Statement {
  sql: string;
  parameters: unknown[];
}

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
  const adminUrl = settings.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is required: the benchmark runs on PostgreSQL");
  const benchUrl = withDatabase(adminUrl, benchDatabase);
  const reuse = settings.BENCH_REUSE === "1" && (await isSeeded(benchUrl));
  if (!reuse) await recreateDatabase(adminUrl);

  const handle = openPostgres(benchUrl, { poolMax: 20 });
  await migrateToLatest(handle.db);
  const env = loadEnv({
    NODE_ENV: "production",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATABASE_URL: benchUrl,
    DATABASE_POOL_MAX: "20",
    DATA_DIR: mkdtempSync(join(tmpdir(), "crm-bench-")),
    SEED_DEMO: "false",
    WEB_DIST_DIR: "/nonexistent",
    PUBLIC_URL: "http://localhost:3000",
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    AUTH_RATE_LIMIT_PER_IP: "1000",
  });
  const container = await createContainer(env, createLogger("silent"), { database: handle });
  const server = serve({ fetch: createApp(container).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  // idle keep-alive sockets outlive the seeding; never let the server close one a request is about to reuse
  (server as import("node:http").Server).keepAliveTimeout = 120_000;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  const pool = new pg.Pool({ connectionString: benchUrl, max: concurrency });
  const owner = { email: "bench-owner@example.com", password: "correct horse battery" };
  const signIn = async (path: string, body: object) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { token: string; organization: { id: string } };
  };
  let signedIn: { token: string; organization: { id: string } };
  if (reuse) {
    signedIn = await signIn("/auth/login", owner);
    console.log("reusing the seeded database (BENCH_REUSE=1)");
  } else {
    signedIn = await signIn("/auth/register", { organizationName: "Bench", name: "Bench Owner", ...owner });
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

  const deep = await pool.query<{ last_message_at: Date; id: string }>(
    `select last_message_at, id from conversations where id = ${uuidOf("$1::text || 'conversation' || 10000")}`,
    [organizationId],
  );
  const deepRow = deep.rows[0];
  if (!deepRow) throw new Error("seed incomplete");
  const deepCursor = encodeKeyset({ at: deepRow.last_message_at.toISOString(), id: deepRow.id });

  const scenarios: Scenario[] = [
    {
      name: "inbox, first page",
      path: "/conversations?limit=25",
      run: (r) => r.conversations.list(organizationId, all, {}, { limit: 25 }),
    },
    {
      name: "inbox, open + unassigned",
      path: "/conversations?limit=25&status=open&assignee=unassigned",
      run: (r) =>
        r.conversations.list(organizationId, all, { status: "open", assignee: "unassigned" }, { limit: 25 }),
    },
    {
      name: "inbox, page after 10,000 (cursor)",
      path: `/conversations?limit=25&cursor=${encodeURIComponent(deepCursor)}`,
      run: (r) => r.conversations.list(organizationId, all, {}, { limit: 25, cursor: deepCursor }),
    },
    {
      name: `search "${searchTerms.rare}" (1,000 hits)`,
      path: `/messages?limit=25&q=${searchTerms.rare}`,
      run: (r) => r.messages.search(organizationId, all, { query: searchTerms.rare }, { limit: 25 }),
    },
    {
      name: `search "${searchTerms.common}" (10,000 hits)`,
      path: `/messages?limit=25&q=${searchTerms.common}`,
      run: (r) => r.messages.search(organizationId, all, { query: searchTerms.common }, { limit: 25 }),
    },
  ];

  const rows: string[][] = [];
  for (const scenario of scenarios) {
    const statements = await capture(pool, scenario);
    if (process.argv.includes("--explain")) await explain(pool, scenario.name, statements);
    const http = await measure(
      async () => {
        const response = await fetch(`${baseUrl}${scenario.path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.status !== 200)
          throw new Error(`${scenario.path}: HTTP ${response.status} ${await response.text()}`);
        const body = (await response.json()) as { items: unknown[] };
        if (body.items.length === 0) throw new Error(`${scenario.path}: no items`);
      },
      { requests, concurrency, warmup },
    );
    const sql = await measure(
      async () => {
        const client = await pool.connect();
        try {
          for (const statement of statements) await client.query(statement.sql, statement.parameters);
        } finally {
          client.release();
        }
      },
      { requests, concurrency, warmup },
    );
    rows.push(row(scenario.name, http, sql));
  }

  printTable(
    [
      "scenario",
      "HTTP p50",
      "HTTP p95",
      "SQL p50",
      "SQL p95",
      "p50 ratio",
      "p95 ratio",
      `p95 < ${targetP95Ms} ms`,
    ],
    rows,
  );
  console.log(`\n${requests} timed requests per row after ${warmup} untimed, ${concurrency} at a time; ms.`);

  server.close();
  await pool.end();
  await container.close();
  await handle.close();
  if (settings.BENCH_KEEP !== "1") await dropDatabase(adminUrl);
}

/** Runs the scenario's repository call once through a Kysely that records the SQL it sends. */
async function capture(pool: pg.Pool, scenario: Scenario): Promise<Statement[]> {
  const statements: Statement[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query")
        statements.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
  });
  await scenario.run({
    conversations: createConversationRepository(db),
    messages: createMessageRepository(db),
  });
  return statements;
}

async function explain(pool: pg.Pool, name: string, statements: Statement[]): Promise<void> {
  for (const statement of statements) {
    const plan = await pool.query<{ "QUERY PLAN": string }>(
      `explain (analyze, buffers) ${statement.sql}`,
      statement.parameters,
    );
    console.log(`\n-- ${name}\n${plan.rows.map((line) => line["QUERY PLAN"]).join("\n")}`);
  }
}

const ms = (value: number) => value.toFixed(1);

function row(name: string, http: LatencyStats, sql: LatencyStats): string[] {
  return [
    name,
    ms(http.p50),
    ms(http.p95),
    ms(sql.p50),
    ms(sql.p95),
    `${(http.p50 / sql.p50).toFixed(2)}x`,
    `${(http.p95 / sql.p95).toFixed(2)}x`,
    http.p95 < targetP95Ms ? "yes" : "NO",
  ];
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((r) => (r[column] ?? "").length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function isSeeded(benchUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: benchUrl });
  try {
    await client.connect();
    const result = await client.query<{ n: string }>("select count(*) as n from messages");
    return Number(result.rows[0]?.n) === conversationCount * messagesPerConversation;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function recreateDatabase(adminUrl: string): Promise<void> {
  await dropDatabase(adminUrl);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${benchDatabase}`);
  await client.end();
}

async function dropDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${benchDatabase} with (force)`);
  await client.end();
}

await main();
