import { describe, expect, it } from "vitest";
import { importColumnNames, importTemplate } from "./import-columns";

describe("importColumnNames", () => {
  it("names the columns in Portuguese to a Portuguese speaker, the English names read as well", () => {
    const names = importColumnNames("pt-BR");
    // "tags", as the app calls them in Portuguese too
    expect(names.main).toEqual(["nome", "e-mail", "telefone", "empresa", "tags"]);
    expect(names.others).toEqual(
      expect.arrayContaining(["name", "email", "phone", "company", "etiquetas", "celular", "whatsapp"]),
    );
    expect(names.others).not.toContain("nome");
    expect(names.others).not.toContain("tags");
  });

  it("names the columns in English to an English speaker, the Portuguese names read as well", () => {
    const names = importColumnNames("en");
    expect(names.main).toEqual(["name", "email", "phone", "company", "tags"]);
    expect(names.others).not.toContain("tags");
    expect(names.others).toEqual(
      expect.arrayContaining(["nome", "e-mail", "telefone", "celular", "whatsapp", "empresa", "etiquetas"]),
    );
  });
});

describe("importTemplate", () => {
  it("writes the template as the organization's Excel reads it, like the export: ; and a BOM in Portuguese", () => {
    const columns = importColumnNames("pt-BR").main;
    expect(importTemplate([...columns, "faturamento"], "pt-BR")).toBe(
      "\uFEFFnome;e-mail;telefone;empresa;tags;faturamento\r\n",
    );
    expect(importTemplate(["name", "email"], "en")).toBe("\uFEFFname,email\r\n");
  });
});
