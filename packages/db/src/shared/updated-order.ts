import type { UpdatedRange } from "@crm/domain";
import { type Expression, type SqlBool, sql } from "kysely";
import { type CursorList, encodeCursor, type KeysetCursor } from "./cursor";

/*
 * The sync order of a list: (updated_at, id) ascending, on the (organization_id, updated_at, id) indexes of
 * migration 0029. Its cursors name `<list>.updatedAt`, so neither the list's other orders nor other lists
 * take them.
 */

export function updatedList(list: string): string;
export function updatedList(list: CursorList): CursorList;
export function updatedList(list: CursorList): CursorList {
  return typeof list === "string" ? `${list}.updatedAt` : { ...list, list: `${list.list}.updatedAt` };
}

/** The window's conditions on `table`'s updated_at (a table name or alias). */
export function updatedRangeConditions(table: string, range: UpdatedRange): Expression<SqlBool>[] {
  const column = sql.ref(`${table}.updated_at`);
  const conditions: Expression<SqlBool>[] = [];
  if (range.updatedFrom) conditions.push(sql<SqlBool>`${column} >= ${range.updatedFrom}`);
  if (range.updatedTo) conditions.push(sql<SqlBool>`${column} <= ${range.updatedTo}`);
  return conditions;
}

/** The rows after `cursor` in the sync order. */
export const afterUpdated = (table: string, cursor: KeysetCursor): Expression<SqlBool> =>
  sql<SqlBool>`(${sql.ref(`${table}.updated_at`)}, ${sql.ref(`${table}.id`)}) > (${new Date(cursor.at)}, ${cursor.id}::uuid)`;

/** Turns rows fetched in the sync order with limit + 1 into a page whose cursor names `updatedList(list)`. */
export function toUpdatedPage<Row extends { updated_at: Date | string; id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  list: CursorList,
): { items: Item[]; nextCursor: string | null } {
  const last = rows.slice(0, limit).at(-1);
  return {
    items: rows.slice(0, limit).map(map),
    nextCursor:
      rows.length > limit && last ? encodeCursor(last.updated_at, last.id, updatedList(list)) : null,
  };
}
