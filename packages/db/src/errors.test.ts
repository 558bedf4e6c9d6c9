import { describe, expect, it } from "vitest";
import {
  isForeignKeyViolation,
  isUniqueViolation,
  postgresErrorCode,
  uniqueViolationConstraint,
} from "./errors";

const driverError = (code: string, constraint?: string) =>
  Object.assign(new Error("duplicate key"), { code, constraint });

describe("Postgres error helpers", () => {
  it("recognize a unique violation and its constraint", () => {
    const error = driverError("23505", "users_email_key");
    expect(isUniqueViolation(error)).toBe(true);
    expect(uniqueViolationConstraint(error)).toBe("users_email_key");
    expect(isForeignKeyViolation(error)).toBe(false);
  });

  it("find the driver error wrapped as a cause", () => {
    const wrapped = new Error("insert failed", {
      cause: driverError("23503", "contacts_organization_id_fkey"),
    });
    expect(isForeignKeyViolation(wrapped)).toBe(true);
    expect(uniqueViolationConstraint(wrapped)).toBeUndefined();
  });

  it("ignore errors that are not from Postgres", () => {
    expect(postgresErrorCode(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBeUndefined();
    expect(isUniqueViolation("23505")).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(uniqueViolationConstraint(new Error("x"))).toBeUndefined();
  });
});
