import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

const byDatabase = new WeakMap<Kysely<Database>, Promise<boolean>>();

/**
 * Whether idx_messages_content_search is a RUM index (migration 0013), which returns matches newest first
 * by itself; a GIN index (PGlite, or a server without the extension) does not. Asked once per handle.
 */
export function searchIndexOrdersByDate(db: Kysely<Database>): Promise<boolean> {
  const known = byDatabase.get(db);
  if (known) return known;
  const asked = sql<{ amname: string }>`
    select am.amname from pg_class index_class join pg_am am on am.oid = index_class.relam
    where index_class.relname = 'idx_messages_content_search'`
    .execute(db)
    .then(({ rows }) => rows[0]?.amname === "rum");
  byDatabase.set(db, asked);
  asked.catch(() => byDatabase.delete(db));
  return asked;
}
