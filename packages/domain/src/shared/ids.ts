import { validationFailed } from "./errors";

// Any version: Postgres accepts them all, and rejecting malformed ids here keeps a bad id a 400, not a 500.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => uuidPattern.test(value);

/** Returns the id lower-cased, as Postgres prints it, so ids compare equal as strings. */
export const parseId = (value: string, what = "id"): string => {
  if (!isUuid(value)) throw validationFailed(what, `${what} must be a UUID`);
  return value.toLowerCase();
};
