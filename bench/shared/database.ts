import pg from "pg";

/** The server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A kept database can be reused when `countSql` (one row, column `n`) finds all it should. */
export async function isSeeded(benchUrl: string, countSql: string, expected: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: benchUrl });
  try {
    await client.connect();
    const result = await client.query<{ n: string }>(countSql);
    return Number(result.rows[0]?.n) === expected;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function recreateDatabase(adminUrl: string, database: string): Promise<void> {
  await dropDatabase(adminUrl, database);
  await adminQuery(adminUrl, `create database ${database}`);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
