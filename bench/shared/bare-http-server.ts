import { serve } from "@hono/node-server";
import { Hono } from "hono";
import pg from "pg";
import type { Statement } from "./sql-replay";

/*
 * The floor of the HTTP benchmarks: the same HTTP stack as the API (Hono on node:http), a plain `pg` pool of the
 * API's size, and per request the statements the API sent for it, answered as JSON of the rows as they came.
 * No session, no routing beyond one path, no validation, no mapping: what any HTTP server over the same SQL pays.
 */

const settings: Record<string, string | undefined> = process.env;
const pool = new pg.Pool({
  connectionString: settings.DATABASE_URL,
  max: Number(settings.DATABASE_POOL_MAX ?? 20),
});
const registered: Statement[][] = [];

const app = new Hono();
app.post("/statements", async (c) => {
  registered.push((await c.req.json()) as Statement[]);
  return c.json({ path: `/replay/${registered.length - 1}` });
});
app.get("/replay/:index", async (c) => {
  const statements = registered[Number(c.req.param("index"))];
  if (!statements) return c.json({ error: "unknown" }, 404);
  const client = await pool.connect();
  try {
    const results: unknown[][] = [];
    for (const statement of statements)
      results.push((await client.query(statement.sql, statement.parameters)).rows);
    return c.json({ results });
  } finally {
    client.release();
  }
});

serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`bare HTTP listening on ${info.port}\n`);
});
process.on("SIGTERM", () => {
  void pool.end().then(() => process.exit(0));
});
