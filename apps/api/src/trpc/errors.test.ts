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

  it("names the provider that failed", () => {
    const error = toTRPCError(
      new DomainError("PROVIDER_ERROR", "stripe answered: down", { provider: "stripe" }),
    );
    expect(errorData(error)).toMatchObject({ appCode: "PROVIDER_ERROR", provider: "stripe" });
    expect(errorData(toTRPCError(new DomainError("NOT_FOUND", "x")))).not.toHaveProperty("provider");
  });

  it("turns schema failures into field errors", () => {
    const parsed = z.object({ email: z.string(), limit: z.number().max(100) }).safeParse({ limit: 1000 });
    if (parsed.success) throw new Error("expected a failure");
    const data = errorData(new TRPCError({ code: "BAD_REQUEST", cause: parsed.error }));
    expect(data.appCode).toBe("VALIDATION_FAILED");
    expect(Object.keys(data.fieldErrors ?? {}).sort()).toEqual(["email", "limit"]);
    expect(data.fieldReasons).toEqual({ email: "invalid_type", limit: "too_big" });
  });

  it("gives every field a schema refused a stable reason code, whatever zod's English says", () => {
    const schema = z
      .object({
        title: z.string().min(1),
        code: z.string().min(3),
        note: z.string().max(3),
        id: z.uuid(),
        email: z.email(),
        day: z.iso.date(),
        count: z.number().int().min(1),
        tags: z.array(z.string()).max(1),
        status: z.enum(["open", "won"]),
        pattern: z.string().regex(/^a$/),
      })
      .strict();
    const parsed = schema.safeParse({
      title: "",
      code: "ab",
      note: "long",
      id: "nope",
      email: "x",
      day: "2026-13-01",
      count: 0,
      tags: ["a", "b"],
      status: "lost",
      pattern: "b",
      extra: 1,
    });
    if (parsed.success) throw new Error("expected a failure");
    const data = errorData(new TRPCError({ code: "BAD_REQUEST", cause: parsed.error }));
    expect(data.fieldReasons).toEqual({
      title: "required",
      code: "too_short",
      note: "too_long",
      id: "invalid_id",
      email: "invalid_email",
      day: "invalid_date",
      count: "too_small",
      tags: "too_many",
      status: "invalid_option",
      pattern: "invalid_format",
      extra: "unknown_field",
    });
    const fraction = z.object({ count: z.number().int() }).safeParse({ count: 1.5 });
    if (fraction.success) throw new Error("expected a failure");
    expect(errorData(new TRPCError({ code: "BAD_REQUEST", cause: fraction.error })).fieldReasons).toEqual({
      count: "not_integer",
    });
  });
});
