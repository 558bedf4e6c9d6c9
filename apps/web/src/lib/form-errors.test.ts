import { describe, expect, it } from "vitest";
import type { ErrorView } from "./errors";
import { refusesOnlyHiddenFields, shownServerErrors } from "./form-errors";

const emailTaken: ErrorView = { message: "errors.emailTaken", fieldErrors: { email: "errors.emailTaken" } };
const formFields = ["name", "email", "password"];

describe("shownServerErrors", () => {
  it("shows a message about a field under that field only, not again in the banner", () => {
    expect(shownServerErrors(emailTaken, { formFields })).toEqual({
      formError: undefined,
      fieldErrors: { email: "errors.emailTaken" },
    });
  });

  it("drops the field's message once the field is edited, and brings no banner back", () => {
    expect(shownServerErrors(emailTaken, { formFields, edited: new Set(["email"]) })).toEqual({
      formError: undefined,
      fieldErrors: {},
    });
  });

  it("keeps the banner when it says more than the fields, until a field or the next submit clears its part", () => {
    const invalid: ErrorView = {
      message: "errors.validationFailed",
      fieldErrors: { password: "errors.field.password", email: "errors.field.email" },
    };
    expect(shownServerErrors(invalid, { formFields, edited: new Set(["email"]) })).toEqual({
      formError: "errors.validationFailed",
      fieldErrors: { password: "errors.field.password" },
    });
    expect(shownServerErrors(invalid, { formFields, dismissed: true })).toEqual({
      formError: undefined,
      fieldErrors: {},
    });
  });

  it("keeps the banner when the field it names is not in the form, so the message is not lost", () => {
    const slugTaken: ErrorView = { message: "errors.conflict", fieldErrors: { slug: "errors.conflict" } };
    expect(shownServerErrors(slugTaken, { formFields }).formError).toBe("errors.conflict");
  });

  it("says the form's own sentence for a field the server rejected, once, under that field", () => {
    const refused: ErrorView = {
      message: "payments.create.webhookMissing",
      fieldErrors: { provider: "errors.field.invalid" },
    };
    const fieldMessages = { provider: "payments.create.webhookMissing" } as const;
    expect(shownServerErrors(refused, { formFields: ["provider"], fieldMessages })).toEqual({
      formError: undefined,
      fieldErrors: { provider: "payments.create.webhookMissing" },
    });
    // a field the server did not name gets nothing from it
    expect(
      shownServerErrors({ ...refused, fieldErrors: {} }, { formFields: ["provider"], fieldMessages }),
    ).toEqual({
      formError: "payments.create.webhookMissing",
      fieldErrors: {},
    });
  });

  it("follows serverFields to the form's own name for the field", () => {
    const amount: ErrorView = {
      message: "errors.field.amount",
      fieldErrors: { "value.amount": "errors.field.amount" },
    };
    expect(
      shownServerErrors(amount, { formFields: ["amount"], serverFields: { "value.amount": "amount" } }),
    ).toEqual({ formError: undefined, fieldErrors: { amount: "errors.field.amount" } });
  });
});

describe("refusesOnlyHiddenFields", () => {
  const refused = (fieldErrors: ErrorView["fieldErrors"]): ErrorView => ({
    message: "errors.validationFailed",
    fieldErrors,
  });

  it("is true when no refused field is one of the form's", () => {
    expect(refusesOnlyHiddenFields(refused({ assignedTo: "errors.field.invalid" }), ["name", "email"])).toBe(
      true,
    );
  });

  it("is false when a refused field is on the form, also under the form's own name for it", () => {
    expect(refusesOnlyHiddenFields(refused({ email: "errors.field.invalid" }), ["name", "email"])).toBe(
      false,
    );
    expect(
      refusesOnlyHiddenFields(refused({ "value.amount": "errors.field.invalid" }), ["amount"], {
        "value.amount": "amount",
      }),
    ).toBe(false);
  });

  it("is false when the server named no field", () => {
    expect(refusesOnlyHiddenFields(refused({}), ["name"])).toBe(false);
  });
});
