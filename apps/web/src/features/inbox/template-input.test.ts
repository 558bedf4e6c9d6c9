import { describe, expect, it } from "vitest";
import { parseTemplateDraft } from "./template-input";

describe("the send-template form", () => {
  it("sends the name and language as typed and one parameter per non-blank line", () => {
    expect(
      parseTemplateDraft({ name: " pedido_enviado ", language: "pt_BR", parameters: "Maria\n\n #1234 \n" }),
    ).toEqual({
      ok: true,
      template: { name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Maria", "#1234"] },
    });
    expect(parseTemplateDraft({ name: "boas_vindas", language: "es", parameters: "" })).toMatchObject({
      ok: true,
      template: { bodyParameters: [] },
    });
  });

  it("names every field WhatsApp would refuse", () => {
    expect(
      parseTemplateDraft({
        name: "Pedido Enviado",
        language: "pt-br",
        parameters: Array.from({ length: 21 }, (_, i) => `p${i}`).join("\n"),
      }),
    ).toEqual({ ok: false, invalid: ["name", "language", "parameters"] });
    expect(parseTemplateDraft({ name: "a", language: "en_US", parameters: "a     b" })).toEqual({
      ok: false,
      invalid: ["parameters"],
    });
  });
});
