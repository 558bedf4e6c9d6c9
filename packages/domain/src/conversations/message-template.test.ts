import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { assertTemplateChannel, templateContent } from "./message-template";

describe("message templates", () => {
  it("read in the thread as their name, language and parameters", () => {
    expect(
      templateContent({ name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Maria", "#1234"] }),
    ).toBe("Template pedido_enviado (pt_BR): Maria · #1234");
    expect(templateContent({ name: "boas_vindas", language: "en_US", bodyParameters: [] })).toBe(
      "Template boas_vindas (en_US)",
    );
  });

  it("are WhatsApp's alone", () => {
    expect(() => assertTemplateChannel("whatsapp")).not.toThrow();
    for (const channel of ["telegram", "slack", "discord"] as const) {
      expect(() => assertTemplateChannel(channel)).toThrow(DomainError);
    }
  });
});
