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

  it("has no empty message in either language", () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(ptBR[key].trim(), key).not.toBe("");
    }
  });
});
