import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ptBR } from "./pt-br";
import { type MessageKey, translate } from "./translate";

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("translate", () => {
  it("fills every placeholder with its value", () => {
    expect(translate(en, "team.invite.sent", { email: "ana@example.com" })).toBe(
      "Invitation sent to ana@example.com.",
    );
    expect(translate(ptBR, "settings.organization.retentionHint", { min: 30, max: 3650 })).toContain(
      "Entre 30 e 3650",
    );
  });

  it("picks the plural form of each language for the count", () => {
    const bar = (count: number) => ({ value: "$10", count });
    expect(translate(en, "deals.chart.barLabel", bar(1))).toBe("$10 · 1 deal");
    expect(translate(en, "deals.chart.barLabel", bar(0))).toBe("$10 · 0 deals");
    expect(translate(en, "deals.chart.barLabel", bar(2))).toBe("$10 · 2 deals");
    expect(translate(ptBR, "deals.chart.barLabel", bar(1), "pt-BR")).toBe("$10 · 1 negócio");
    expect(translate(ptBR, "deals.chart.barLabel", bar(2), "pt-BR")).toBe("$10 · 2 negócios");
    // Portuguese rules put 0 with 1, and a million in "many": the zero form and "other" answer those.
    expect(translate(ptBR, "deals.chart.barLabel", bar(0), "pt-BR")).toBe("$10 · 0 negócios");
    expect(translate(ptBR, "deals.chart.barLabel", bar(1_000_000), "pt-BR")).toBe("$10 · 1000000 negócios");
    expect(translate(ptBR, "inbox.thread.typing", { names: "Ana, Rui", count: 2 }, "pt-BR")).toBe(
      "Ana, Rui estão digitando…",
    );
  });

  it("leaves an unknown placeholder visible instead of printing undefined", () => {
    expect(translate(en, "team.invite.sent", {})).toBe("Invitation sent to {email}.");
  });
});

describe("dictionaries", () => {
  it("gives Portuguese the same placeholders as English for every message", () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(ptBR[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("gives the extra plural forms of Portuguese the placeholders of the English family", () => {
    const forms: Readonly<Record<string, string | undefined>> = ptBR;
    const extra = Object.keys(ptBR).filter((key) => !(key in en));
    expect(extra.length).toBeGreaterThan(0);
    for (const key of extra) {
      const family = key.replace(/\.\w+$/, "");
      expect(placeholders(forms[key] ?? ""), key).toEqual(placeholders(en[`${family}.other` as MessageKey]));
    }
  });

  it("has no empty message in either language", () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(ptBR[key].trim(), key).not.toBe("");
    }
  });
});
