import { DomainError, type ErrorCode, errorTable } from "@crm/domain";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorData, toTRPCError } from "./errors";

describe("the one error table", () => {
  it.each(Object.keys(errorTable) as ErrorCode[])(
    "%s answers the same HTTP status over tRPC and REST",
    (code) => {
      const error = toTRPCError(new DomainError(code, "x"));
      expect(error.code).toBe(errorTable[code].trpc);
      expect(getHTTPStatusCodeFromError(error)).toBe(errorTable[code].http);
    },
  );

  it("carries the domain code and field errors to clients", () => {
    const error = toTRPCError(
      new DomainError("CONFLICT", "taken", { fieldErrors: { email: ["taken"] }, existingId: "c1" }),
    );
    expect(errorData(error)).toEqual({
      appCode: "CONFLICT",
      fieldErrors: { email: ["taken"] },
      retryAfterSeconds: null,
      existingId: "c1",
    });
  });

  it("turns schema failures into field errors", () => {
    const parsed = z.object({ email: z.string(), limit: z.number().max(100) }).safeParse({ limit: 1000 });
    if (parsed.success) throw new Error("expected a failure");
    const data = errorData(new TRPCError({ code: "BAD_REQUEST", cause: parsed.error }));
    expect(data.appCode).toBe("VALIDATION_FAILED");
    expect(Object.keys(data.fieldErrors ?? {}).sort()).toEqual(["email", "limit"]);
  });
});
