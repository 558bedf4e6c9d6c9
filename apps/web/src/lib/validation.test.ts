import { describe, expect, it } from "vitest";
import { email, hasErrors, password, required, retentionDays, slug, validate } from "./validation";

describe("field rules", () => {
  it("requires something other than spaces", () => {
    expect(required("  ")).toBe("errors.field.required");
    expect(required("Ana")).toBeNull();
  });

  it("catches emails without a domain", () => {
    expect(email("ana@")).toBe("errors.field.email");
    expect(email("ana@example")).toBe("errors.field.email");
    expect(email(" ana@example.com ")).toBeNull();
  });

  it("asks for passwords of at least 10 characters", () => {
    expect(password("123456789")).toBe("errors.field.password");
    expect(password("          ")).toBe("errors.field.password");
    expect(password("1234567890")).toBeNull();
  });

  it("accepts the slugs the server accepts", () => {
    expect(slug("acme-ltda")).toBeNull();
    expect(slug("Acme")).toBe("errors.field.slug");
    expect(slug("-acme")).toBe("errors.field.slug");
  });

  it("keeps retention between 30 and 3650 whole days", () => {
    expect(retentionDays("29")).toBe("errors.field.retentionDays");
    expect(retentionDays("30")).toBeNull();
    expect(retentionDays("3650")).toBeNull();
    expect(retentionDays("3651")).toBe("errors.field.retentionDays");
    expect(retentionDays("90.5")).toBe("errors.field.retentionDays");
    expect(retentionDays("")).toBe("errors.field.retentionDays");
  });
});

describe("validate", () => {
  it("reports the first failing rule of each field and nothing for valid ones", () => {
    const errors = validate({ email: "", name: "Ana" }, { email: [required, email], name: [required] });
    expect(errors).toEqual({ email: "errors.field.required" });
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors(validate({ email: "a@b.co" }, { email: [required, email] }))).toBe(false);
  });
});
