import { describe, expect, it } from "vitest";
import {
  errorCodeOf,
  existingIdOf,
  isUnauthenticated,
  retryAfterMinutesOf,
  toAlertView,
  toErrorView,
} from "./errors";

/** The shape a TRPCClientError has after our API's error formatter. */
const apiError = (data: Record<string, unknown>) =>
  Object.assign(new Error("server message"), { name: "TRPCClientError", data });

describe("toErrorView", () => {
  it("says wrong credentials in words, not the server's message", () => {
    const view = toErrorView(
      apiError({ code: "UNAUTHORIZED", httpStatus: 401, appCode: "INVALID_CREDENTIALS" }),
    );
    expect(view).toEqual({ message: "errors.invalidCredentials", fieldErrors: {} });
  });

  it("puts a translated message next to each rejected field", () => {
    const view = toErrorView(
      apiError({
        code: "BAD_REQUEST",
        appCode: "VALIDATION_FAILED",
        fieldErrors: { password: ["Password must have at least 10 characters"], email: ["Invalid email"] },
      }),
    );
    expect(view.message).toBe("errors.validationFailed");
    expect(view.fieldErrors).toEqual({ password: "errors.field.password", email: "errors.field.email" });
  });

  it("uses a generic field message for fields it has no sentence for", () => {
    const view = toErrorView(apiError({ appCode: "VALIDATION_FAILED", fieldErrors: { website: ["bad"] } }));
    expect(view.fieldErrors).toEqual({ website: "errors.field.invalid" });
  });

  it("lets a form say what a conflict means there, on the form and on the field", () => {
    const error = apiError({ appCode: "CONFLICT", fieldErrors: { slug: ["This slug is taken"] } });
    expect(toErrorView(error, { CONFLICT: "errors.slugTaken" })).toEqual({
      message: "errors.slugTaken",
      fieldErrors: { slug: "errors.slugTaken" },
    });
    expect(toErrorView(error).message).toBe("errors.conflict");
  });

  it("falls back to the tRPC code when the server sent no appCode", () => {
    expect(
      toErrorView(apiError({ code: "TOO_MANY_REQUESTS", appCode: null, fieldErrors: null })).message,
    ).toBe("errors.rateLimited");
    expect(toErrorView(apiError({ code: "FORBIDDEN", appCode: null })).message).toBe("errors.forbidden");
  });

  it("calls a server crash unexpected", () => {
    expect(toErrorView(apiError({ code: "INTERNAL_SERVER_ERROR", appCode: null })).message).toBe(
      "errors.unexpected",
    );
  });

  it("tells a network failure apart from a bug in the page", () => {
    const offline = Object.assign(new Error("Failed to fetch"), { name: "TRPCClientError" });
    expect(toErrorView(offline).message).toBe("errors.network");
    expect(toErrorView(new TypeError("x is undefined")).message).toBe("errors.unexpected");
    expect(toErrorView("weird").message).toBe("errors.unexpected");
  });

  it("ignores an appCode it does not know and reads the tRPC code instead", () => {
    expect(errorCodeOf(apiError({ code: "NOT_FOUND", appCode: "SOMETHING_NEW" }))).toBe("NOT_FOUND");
  });
});

describe("toAlertView", () => {
  it("names a refused field in the server's words, since a banner has no highlighted field to check", () => {
    const refused = apiError({
      code: "BAD_REQUEST",
      appCode: "VALIDATION_FAILED",
      fieldErrors: { assignedTo: ["A viewer cannot answer conversations"] },
    });
    expect(toAlertView(refused)).toEqual({
      message: "errors.refused",
      detail: "A viewer cannot answer conversations",
    });
  });

  it("says any other answer as toErrorView does, with nothing added", () => {
    expect(toAlertView(apiError({ appCode: "NOT_FOUND" }))).toEqual({
      message: "errors.notFound",
      detail: undefined,
    });
    expect(toAlertView(apiError({ appCode: "VALIDATION_FAILED", fieldErrors: {} })).message).toBe(
      "errors.validationFailed",
    );
    const conflict = apiError({ appCode: "CONFLICT", fieldErrors: { slug: ["taken"] } });
    expect(toAlertView(conflict, { CONFLICT: "errors.slugTaken" }).detail).toBeUndefined();
  });
});

describe("isUnauthenticated", () => {
  it("is true for a missing session, whether or not an appCode came with it", () => {
    expect(isUnauthenticated(apiError({ code: "UNAUTHORIZED", appCode: null }))).toBe(true);
    expect(isUnauthenticated(apiError({ code: "UNAUTHORIZED", appCode: "UNAUTHENTICATED" }))).toBe(true);
  });

  it("is false for a wrong password, which must not bounce the user to login", () => {
    expect(isUnauthenticated(apiError({ code: "UNAUTHORIZED", appCode: "INVALID_CREDENTIALS" }))).toBe(false);
  });
});

describe("existingIdOf", () => {
  it("reads which record a duplicate collided with", () => {
    const conflict = apiError({
      code: "CONFLICT",
      appCode: "CONFLICT",
      existingId: "c-1",
      fieldErrors: { phone: ["taken"] },
    });
    expect(existingIdOf(conflict)).toBe("c-1");
    expect(toErrorView(conflict, { CONFLICT: "errors.contactDuplicate" }).fieldErrors).toEqual({
      phone: "errors.contactDuplicate",
    });
    expect(existingIdOf(apiError({ appCode: "CONFLICT" }))).toBeNull();
    expect(existingIdOf(new Error("offline"))).toBeNull();
  });
});

describe("retryAfterMinutesOf", () => {
  const limited = (retryAfterSeconds: unknown) =>
    apiError({ code: "TOO_MANY_REQUESTS", appCode: "RATE_LIMITED", retryAfterSeconds });

  it("tells the wait the server named in minutes, rounded up so the user never comes back too early", () => {
    expect(retryAfterMinutesOf(limited(499))).toBe(9);
    expect(retryAfterMinutesOf(limited(60))).toBe(1);
    expect(retryAfterMinutesOf(limited(61))).toBe(2);
    expect(retryAfterMinutesOf(limited(1))).toBe(1);
  });

  it("is null when no wait was named or the error is not a rate limit", () => {
    expect(retryAfterMinutesOf(limited(null))).toBeNull();
    expect(retryAfterMinutesOf(limited(0))).toBeNull();
    expect(
      retryAfterMinutesOf(apiError({ appCode: "INVALID_CREDENTIALS", retryAfterSeconds: 30 })),
    ).toBeNull();
    expect(retryAfterMinutesOf(new Error("offline"))).toBeNull();
  });
});
