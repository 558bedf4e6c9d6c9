import type { Database } from "@crm/db/database.gen";
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** Runs `run` once through a Kysely that records the SQL it sends. */
export async function captureStatements(
  pool: pg.Pool,
  run: (db: Kysely<Database>) => Promise<unknown>,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query")
        statements.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
  });
  /*
   * What a handle asks once in its life (the search index's kind) or reads in the background now and then (the
   * statistics a search steers by) is not part of every request: run twice, the background reads done between.
   */
  await run(db);
  await new Promise((settled) => setTimeout(settled, 500));
  statements.length = 0;
  await run(db);
  return statements;
}

/** Sends the captured statements again, in order, on one pooled connection. */
export async function replay(pool: pg.Pool, statements: Statement[]): Promise<void> {
  const client = await pool.connect();
  try {
    for (const statement of statements) await client.query(statement.sql, statement.parameters);
  } finally {
    client.release();
  }
}

export async function explain(pool: pg.Pool, name: string, statements: Statement[]): Promise<void> {
  for (const statement of statements) {
    const plan = await pool.query<{ "QUERY PLAN": string }>(
      `explain (analyze, buffers) ${statement.sql}`,
      statement.parameters,
    );
    console.log(`\n-- ${name}\n${plan.rows.map((line) => line["QUERY PLAN"]).join("\n")}`);
  }
}
