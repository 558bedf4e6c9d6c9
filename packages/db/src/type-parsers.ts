import { types as pgliteTypes } from "@electric-sql/pglite";
import pg, { type CustomTypesConfig } from "pg";

/*
 * Both drivers return the same JavaScript values:
 *   timestamptz -> Date, jsonb -> parsed JSON,
 *   numeric -> string (never a float), int8 and count(*) -> string (a bigint can exceed 2^53),
 *   date -> 'YYYY-MM-DD' string (a calendar day has no time zone; pg would make it a local-midnight Date).
 */

const identity = (value: string) => value;

type Oid = Parameters<typeof pg.types.getTypeParser>[0];
const DATE = 1082;
const DATE_ARRAY = 1182;
const TEXT_ARRAY = 1009 as Oid;

/** node-postgres already returns numeric and int8 as strings; only dates need overriding. */
export const pgTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === DATE) return identity;
    // A date[] literal reads like a text[] one: {2025-01-01,NULL}.
    if (oid === DATE_ARRAY) return pg.types.getTypeParser(TEXT_ARRAY);
    return pg.types.getTypeParser(oid, format);
  }) as CustomTypesConfig["getTypeParser"],
};

/** PGlite parses int8 to number or bigint and date to Date by default; arrays reuse these element parsers. */
export const pgliteParsers = {
  [pgliteTypes.INT8]: identity,
  [pgliteTypes.NUMERIC]: identity,
  [pgliteTypes.DATE]: identity,
};
