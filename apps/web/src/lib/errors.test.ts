import { amountCases } from "@crm/domain/shared/amount-cases";
import { type AmountProblem, amountProblems } from "@crm/domain/shared/amount-rule";
import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { ptBR } from "../i18n/pt-br";
import {
  alertDetail,
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

  it("says a 503 as something to try again later, in the form's own words when it has them", () => {
    const unavailable = apiError({
      code: "SERVICE_UNAVAILABLE",
      httpStatus: 503,
      appCode: "UNAVAILABLE",
      retryAfterSeconds: 60,
    });
    expect(toErrorView(unavailable).message).toBe("errors.unavailable");
    expect(toErrorView(unavailable, { UNAVAILABLE: "auth.forgot.unavailable" }).message).toBe(
      "auth.forgot.unavailable",
    );
    expect(toErrorView(apiError({ code: "SERVICE_UNAVAILABLE", appCode: null })).message).toBe(
      "errors.unavailable",
    );
    const keys = [
      "errors.unavailable",
      "auth.forgot.unavailable",
      "team.invite.unavailable",
      "account.password.unavailable",
    ] as const;
    for (const key of keys) {
      expect(ptBR[key]).not.toBe(en[key]);
    }
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
      reasons: [],
      detail: "A viewer cannot answer conversations",
    });
  });

  it("never shows the server's English to a Portuguese reader: a field with no reason gets its own sentence", () => {
    const refused = apiError({
      appCode: "VALIDATION_FAILED",
      fieldErrors: { assignedTo: ["A viewer cannot answer conversations"], title: ["Title is required"] },
    });
    expect(toAlertView(refused, {}, "pt-BR")).toEqual({
      message: "errors.refused",
      reasons: ["errors.field.invalid", "errors.field.required"],
      detail: undefined,
    });
  });

  it("says a field the schema refused by its reason in every language, not in zod's words", () => {
    const refused = apiError({
      appCode: "VALIDATION_FAILED",
      fieldErrors: {
        dealId: ["Invalid UUID"],
        note: ["Too big: expected string to have <=2000 characters"],
        position: ["position must be between 0 and 5, the places in the list"],
      },
      fieldReasons: { dealId: "invalid_id", note: "too_long", position: "out_of_range" },
    });
    const expected = {
      message: "errors.refused",
      reasons: ["errors.reason.invalidId", "errors.reason.tooLong", "errors.reason.outOfRange"],
      detail: undefined,
    };
    expect(toAlertView(refused, {}, "pt-BR")).toEqual(expected);
    expect(toAlertView(refused, {}, "en")).toEqual(expected);
    const say = (key: string) => `<${key}>`;
    expect(alertDetail(toAlertView(refused, {}, "pt-BR"), say)).toBe(
      "<errors.reason.invalidId> <errors.reason.tooLong> <errors.reason.outOfRange>",
    );
  });

  it("says why a webhook's URL was refused to a Portuguese reader, not in the server's English", () => {
    const refused = apiError({
      appCode: "VALIDATION_FAILED",
      fieldErrors: { url: ["10.0.0.5 is a private address: webhooks are sent to public addresses only"] },
      fieldReasons: { url: "private_address" },
    });
    expect(toAlertView(refused, {}, "pt-BR")).toEqual({
      message: "errors.refused",
      reasons: ["errors.reason.privateAddress"],
      detail: undefined,
    });
  });

  it("says any other answer as toErrorView does, with nothing added", () => {
    expect(toAlertView(apiError({ appCode: "NOT_FOUND" }))).toEqual({
      message: "errors.notFound",
      reasons: [],
      detail: undefined,
    });
    expect(toAlertView(apiError({ appCode: "VALIDATION_FAILED", fieldErrors: {} })).message).toBe(
      "errors.validationFailed",
    );
    const conflict = apiError({ appCode: "CONFLICT", fieldErrors: { slug: ["taken"] } });
    expect(toAlertView(conflict, { CONFLICT: "errors.slugTaken" }).detail).toBeUndefined();
  });
});

describe("the field sentence for the API's reason codes", () => {
  const refusal = (field: string, reason: string) =>
    toErrorView(
      apiError({
        appCode: "VALIDATION_FAILED",
        fieldErrors: { [field]: ["zod's English"] },
        fieldReasons: { [field]: reason },
      }),
    ).fieldErrors[field];

  it.each([
    ["required", "errors.field.required"],
    ["too_short", "errors.reason.tooShort"],
    ["too_long", "errors.reason.tooLong"],
    ["too_small", "errors.reason.tooSmall"],
    ["too_big", "errors.reason.tooBig"],
    ["too_few", "errors.reason.tooFew"],
    ["too_many", "errors.reason.tooMany"],
    ["not_integer", "errors.reason.notInteger"],
    ["out_of_range", "errors.reason.outOfRange"],
    ["invalid_id", "errors.reason.invalidId"],
    ["invalid_email", "errors.field.email"],
    ["invalid_url", "errors.reason.invalidUrl"],
    ["invalid_date", "errors.field.date"],
    ["invalid_format", "errors.reason.invalidFormat"],
    ["invalid_option", "errors.field.option"],
    ["unknown_field", "errors.reason.unknownField"],
    ["invalid_type", "errors.field.invalid"],
    ["a_code_from_a_newer_api", "errors.field.invalid"],
  ])("words %s on a field with no sentence of its own as %s", (reason, key) => {
    expect(refusal("website", reason)).toBe(key);
  });

  it.each([
    ["https_required", "errors.reason.httpsRequired"],
    ["private_address", "errors.reason.privateAddress"],
    ["url_has_credentials", "errors.reason.urlHasCredentials"],
    ["url_has_fragment", "errors.reason.urlHasFragment"],
    ["invalid_url", "errors.reason.invalidUrl"],
    ["too_long", "errors.reason.tooLong"],
  ])("words a webhook URL refused as %s as %s", (reason, key) => {
    expect(refusal("url", reason)).toBe(key);
  });

  it("words an amount by what is wrong with it: decimals are not said to be negatives", () => {
    expect(refusal("value.amount", "too_many_decimals")).toBe("errors.field.amountDecimals");
    expect(refusal("amount", "too_many_decimals")).toBe("errors.field.amountDecimals");
    expect(refusal("value.amount", "negative")).toBe("errors.field.amountNegative");
    expect(refusal("amount", "negative")).toBe("errors.field.amountNegative");
    expect(refusal("value.amount", "no_decimals")).toBe("errors.field.amountNoCents");
    expect(refusal("value.amount", "too_big")).toBe("errors.field.amountTooLarge");
    expect(refusal("amount", "too_big")).toBe("errors.field.amountTooLarge");
    expect(refusal("value.amount", "invalid_format")).toBe("errors.field.amount");
    expect(refusal("amount", "invalid_format")).toBe("errors.field.amount");
    expect(refusal("amount", "too_small")).toBe("errors.field.amountPositive");
  });

  const amountSentences: Record<AmountProblem, string> = {
    invalid_format: "errors.field.amount",
    negative: "errors.field.amountNegative",
    too_big: "errors.field.amountTooLarge",
    too_many_decimals: "errors.field.amountDecimals",
    no_decimals: "errors.field.amountNoCents",
    too_small: "errors.field.amountPositive",
  };

  it.each(
    amountProblems.flatMap((reason) =>
      ["value.amount", "amount", "valueMin", "valueMax"].map((field) => [field, reason] as const),
    ),
  )("words every amount refusal on %s: %s", (field, reason) => {
    const key = refusal(field, reason);
    expect(key).toBe(amountSentences[reason]);
    expect(en).toHaveProperty([key ?? ""]);
    expect(ptBR[key as keyof typeof ptBR]).not.toBe(en[key as keyof typeof en]);
  });

  it.each(amountCases)("words $input $currency as the API refuses it", ({ dealValue, payment }) => {
    if (dealValue !== "ok") expect(refusal("value.amount", dealValue)).toBe(amountSentences[dealValue]);
    if (payment !== "ok") expect(refusal("amount", payment)).toBe(amountSentences[payment]);
  });

  it("keeps a field's own sentence for a malformed value, and says a size problem as one", () => {
    expect(refusal("email", "invalid_format")).toBe("errors.field.email");
    expect(refusal("title", "required")).toBe("errors.field.required");
    expect(refusal("title", "too_long")).toBe("errors.reason.tooLong");
    expect(refusal("phone", "missing_area_code")).toBe("errors.field.phoneAreaCode");
  });

  it("has every sentence it names in both dictionaries", () => {
    const keys = new Set(
      ["required", "too_short", "too_long", "too_small", "too_big", "too_few", "too_many", "not_integer"]
        .concat(["out_of_range", "invalid_id", "invalid_url", "invalid_format", "unknown_field"])
        .concat(["https_required", "private_address", "url_has_credentials", "url_has_fragment"])
        .concat(["negative", "too_many_decimals", "no_decimals"])
        .map((reason) => refusal("website", reason)),
    );
    for (const key of keys) {
      expect(en).toHaveProperty([key ?? ""]);
      expect(ptBR[key as keyof typeof ptBR]).not.toBe(en[key as keyof typeof en]);
    }
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
