import { templateContent } from "@crm/domain/conversations/message-template";
import { describe, expect, it } from "vitest";
import { draftOf, templateOfPreview, templateRefusalOf, templateShown } from "./template-message";

describe("a template message's preview", () => {
  it("is read back from the form the server stores, to be worded in the user's language", () => {
    expect(templateOfPreview("Template pedido_enviado (pt_BR): Antônia · #1234")).toEqual({
      name: "pedido_enviado",
      language: "pt_BR",
      parameters: "Antônia · #1234",
    });
    expect(templateOfPreview("Template boas_vindas (es)")).toEqual({
      name: "boas_vindas",
      language: "es",
      parameters: "",
    });
  });

  it("reads exactly what the server writes for a template, so the two cannot drift apart", () => {
    const template = { name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Antônia", "#1234"] };
    expect(templateOfPreview(templateContent(template))).toEqual(templateShown(template));
    expect(templateOfPreview(templateContent({ ...template, bodyParameters: [] }))).toEqual({
      name: "pedido_enviado",
      language: "pt_BR",
      parameters: "",
    });
  });

  it("leaves any other text alone", () => {
    expect(templateOfPreview("Oi, tudo bem?")).toBeNull();
    expect(templateOfPreview("Template do pedido (pt_BR): ok")).toBeNull();
    expect(templateOfPreview("O Template pedido_enviado (pt_BR)")).toBeNull();
  });

  it("joins a message's template parameters as the preview does", () => {
    expect(
      templateShown({ name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Antônia", "#1234"] }),
    ).toEqual({ name: "pedido_enviado", language: "pt_BR", parameters: "Antônia · #1234" });
  });
});

describe("WhatsApp's refusal of a template", () => {
  it("tells the wrong parameter count (132000) and the unknown template (132001) apart", () => {
    expect(
      templateRefusalOf(
        "WhatsApp: (#132000) Number of parameters does not match the expected number of params (code 132000)",
      ),
    ).toBe("parameter_count");
    expect(
      templateRefusalOf("WhatsApp: (#132001) Template name does not exist in the translation (code 132001)"),
    ).toBe("missing_template");
  });

  it("is nothing to correct for other failures", () => {
    expect(templateRefusalOf(null)).toBeNull();
    expect(templateRefusalOf("WhatsApp: (#131047) Re-engagement message (code 131047)")).toBeNull();
    expect(templateRefusalOf("WhatsApp: the request timed out after 1320001 ms")).toBeNull();
  });

  it("reopens the form with what was sent, one parameter a line", () => {
    expect(
      draftOf({ name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Antônia", "#1234"] }),
    ).toEqual({
      name: "pedido_enviado",
      language: "pt_BR",
      parameters: "Antônia\n#1234",
    });
  });
});
