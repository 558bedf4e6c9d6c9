import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

export const daysAgo = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

/** A new organization keeping its messages `dataRetentionDays` days; its id. */
export async function insertOrganization(db: Kysely<Database>, dataRetentionDays: number): Promise<string> {
  const row = await db
    .insertInto("organizations")
    .values({
      name: "Loja",
      slug: `loja-${randomUUID().slice(0, 8)}`,
      data_retention_days: dataRetentionDays,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
