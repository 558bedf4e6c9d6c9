import type { ColumnType } from "kysely";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A jsonb column: read as parsed JSON, written as JSON text (`JSON.stringify(value)`). Writing objects
 * directly would work on PGlite but node-postgres turns a JS array into a Postgres array literal.
 */
export type Jsonb = ColumnType<JsonValue, string, string>;

/** numeric: a decimal string both ways, so money never passes through a float. */
export type Decimal = ColumnType<string, string, string>;
