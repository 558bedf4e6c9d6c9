import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

/* What a Brazilian sales team found importing spreadsheets from Excel in Portuguese. */

let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Vendas Brasil", name: "Joana Ribeiro" })).token;
  await rest("POST", "/custom-fields", { key: "faturamento", label: "Faturamento", type: "number" });
});

afterAll(async () => {
  await session?.close();
});

async function preview(name: string, text: string) {
  await page.goto(url("/contacts/import"));
  await page.getByRole("heading", { name: "Importar contatos" }).waitFor();
  await page.getByLabel("Arquivo CSV").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text, "utf8"),
  });
  await page.getByRole("button", { name: "Pré-visualizar" }).click();
  const region = page.getByRole("region", { name: "Pré-visualização" });
  await region.getByRole("button", { name: "Importar estes contatos" }).waitFor({ timeout: 30_000 });
  return region;
}

describe("importing a spreadsheet from Excel in Portuguese", () => {
  it("offers a template Excel in Portuguese opens in columns: ; and a BOM", async () => {
    await page.goto(url("/contacts/import"));
    const template = async () => {
      const href = await page.getByRole("link", { name: "Baixar um modelo" }).getAttribute("href");
      return decodeURIComponent((href ?? "").replace(/^data:text\/csv;charset=utf-8,/, ""));
    };
    // the custom fields' columns join once they are loaded
    await expect.poll(template).toBe("\uFEFFnome;e-mail;telefone;empresa;tags;faturamento\r\n");
  });

  it("refuses the rows of a template whose header Excel put in one cell", async () => {
    const region = await preview(
      "modelo.csv",
      "nome,e-mail,telefone,empresa,tags\r\nFulano Modelo;fulano@exemplo.com.br;(11) 91111-2222;Empresa X;;;;;\r\n",
    );
    await region
      .getByRole("table", { name: "Linhas com erro" })
      .getByRole("row", { name: /1\s*Erro\s*A linha separa as colunas com “;”, mas o cabeçalho com “,”/ })
      .waitFor();
  });

  it("keeps the last name, lists the ignored columns and imports a row without its bad value", async () => {
    const csv = [
      "Nome;Sobrenome;E-mail;Observações;CPF;Faturamento",
      "Juliana;Figueiredo Santos;juliana@exemplo.com.br;cliente antiga;123.456.789-09;R$ 1.234,56",
      "Marcos;Lima;marcos@exemplo.com.br;;;muito",
    ].join("\r\n");
    const region = await preview("clientes.csv", csv);
    await region.getByText(/Colunas ignoradas: Observações, CPF\. .*crie um campo personalizado/).waitFor();
    await region
      .getByRole("table", { name: "Linhas importadas sem alguns valores" })
      .getByRole("row", { name: /2\s*Criado\s*Valor não importado .*Faturamento: “muito” não é um número/ })
      .waitFor();
    await expectAccessible(page, "contacts-import-qa-pt-preview");

    await region.getByRole("button", { name: "Importar estes contatos" }).click();
    await page.getByText("Concluída", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText(/Colunas ignoradas: Observações, CPF/).waitFor();
    await page
      .getByRole("table", { name: "Linha a linha" })
      .getByRole("row", { name: /2\s*Criado\s*Valor não importado/ })
      .waitFor();
    const contacts = await rest<{ items: Array<{ name: string; metadata: Record<string, unknown> }> }>(
      "GET",
      "/contacts?sort=name",
    );
    expect(contacts.items.map((contact) => [contact.name, contact.metadata])).toEqual([
      ["Juliana Figueiredo Santos", { faturamento: 1234.56 }],
      ["Marcos Lima", {}],
    ]);
  });
});
