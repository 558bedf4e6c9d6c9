/*
 * Recognizes Postgres errors by SQLSTATE, whichever driver raised them: node-postgres and PGlite both put
 * `code` and `constraint` on the error they throw.
 */

interface PostgresErrorFields {
  code: string;
  constraint: string | undefined;
}

function postgresError(error: unknown): PostgresErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      const constraint =
        "constraint" in current && typeof current.constraint === "string" ? current.constraint : undefined;
      return { code: current.code, constraint };
    }
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

export const postgresErrorCode = (error: unknown): string | undefined => postgresError(error)?.code;

export const isUniqueViolation = (error: unknown): boolean => postgresErrorCode(error) === "23505";

/** The name of the unique constraint or index a duplicate collided with, e.g. `users_email_key`. */
export function uniqueViolationConstraint(error: unknown): string | undefined {
  const fields = postgresError(error);
  return fields?.code === "23505" ? fields.constraint : undefined;
}

export const isForeignKeyViolation = (error: unknown): boolean => postgresErrorCode(error) === "23503";

export const isCheckViolation = (error: unknown): boolean => postgresErrorCode(error) === "23514";
