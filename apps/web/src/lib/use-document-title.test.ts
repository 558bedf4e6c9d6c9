import { describe, expect, it } from "vitest";
import { countedTitle } from "./use-document-title";

describe("countedTitle", () => {
  it("puts the count before the title while it is above 0, 99+ above 99", () => {
    expect(countedTitle(3, "Negócios · CRM Manager")).toBe("(3) Negócios · CRM Manager");
    expect(countedTitle(120, "Negócios · CRM Manager")).toBe("(99+) Negócios · CRM Manager");
    expect(countedTitle(0, "Negócios · CRM Manager")).toBe("Negócios · CRM Manager");
  });

  it("replaces the count already there instead of adding another", () => {
    expect(countedTitle(2, "(3) Negócios · CRM Manager")).toBe("(2) Negócios · CRM Manager");
    expect(countedTitle(0, "(99+) Negócios · CRM Manager")).toBe("Negócios · CRM Manager");
  });
});
