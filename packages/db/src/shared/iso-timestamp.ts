import { sql } from "kysely";

/**
 * A timestamptz column as the API prints it, ISO 8601 UTC with milliseconds (what `Date#toISOString` gives for
 * years 1-9999), formatted by Postgres: pg parsing each timestamp of a page into a Date for the API to format
 * it back cost a board of a hundred deals more CPU than the rest of its mapping. For timestamptz(3) columns,
 * where nothing is lost. Aliased to the column's name, so an ORDER BY of the same query must name the table
 * (`deals.created_at`): an unqualified name would sort by this text.
 */
export const isoTimestamp = <Column extends string>(table: string, column: Column) =>
  sql<string>`to_char(${sql.ref(`${table}.${column}`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
    column,
  );
