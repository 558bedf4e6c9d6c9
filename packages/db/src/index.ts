export { createAuthStore } from "./auth/auth-store";
export { createDatabase, type DatabaseHandle, type DatabaseOptions } from "./client";
export type { Decimal, Jsonb, JsonValue } from "./column-types";
export type { Database } from "./database.gen";
export {
  isCheckViolation,
  isForeignKeyViolation,
  isUniqueViolation,
  postgresErrorCode,
  uniqueViolationConstraint,
} from "./errors";
export { migrateToLatest } from "./migrator";
export { IN_MEMORY } from "./pglite";
