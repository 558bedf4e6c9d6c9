import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);
const contactCount = async () =>
  (await rest<{ items: unknown[] }>("GET", "/contacts?limit=100")).items.length;

/** Bruno is stored (the file completes him), row 2 is new, row 3 repeats it and row 4 has no name. */
const csv = [
  "nome,e-mail,telefone,empresa,plano,etiquetas",
  "Bruno Costa,bruno@example.com,+5511912345678,Padaria Central,ouro,Atacado",
  "Carla Dias,carla@example.com,,,prata,",
  "Carla de novo,carla@example.com,,,,",
  ",ninguem@example.com,,,,",
].join("\n");

/** The totals a list of them shows, by label. */
const totalsIn = (scope: ReturnType<Page["getByRole"]>) =>
  scope
    .locator("dl")
    .first()
    .evaluate((list) =>
      Object.fromEntries(
        [...list.querySelectorAll("dt")].map((term) => [
          term.textContent,
          term.nextElementSibling?.textContent,
        ]),
      ),
    );

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Padaria Boa Massa", name: "Joana Ribeiro" }))
    .token;
  await rest("POST", "/custom-fields", { key: "plano", label: "Plano de assinatura", type: "text" });
  await rest("POST", "/contacts", { name: "Bruno Costa", phone: "+5511912345678" });
});

afterAll(async () => {
  await session?.close();
});

describe("the preview of a contacts import", () => {
  it("shows, before importing, the totals and the rows with errors or skipped, writing nothing", async () => {
    await page.goto(url("/contacts/import"));
    await page.getByRole("heading", { name: "Importar contatos" }).waitFor();
    await page.getByLabel("Arquivo CSV").setInputFiles({
      name: "clientes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    expect(await page.getByRole("radio", { name: /Completar o contato/ }).isChecked()).toBe(true);
    expect(await page.getByRole("button", { name: "Importar estes contatos" }).count()).toBe(0);
    await page.getByRole("button", { name: "Pré-visualizar" }).click();

    const preview = page.getByRole("region", { name: "Pré-visualização" });
    await preview.getByRole("button", { name: "Importar estes contatos" }).waitFor({ timeout: 30_000 });
    const totals = await totalsIn(preview);
    expect(totals).toEqual({
      Novos: "1",
      Completados: "1",
      "Sem mudança": "0",
      Ignorados: "1",
      "Com erro": "1",
    });
    const errors = preview.getByRole("table", { name: "Linhas com erro" });
    await errors.getByRole("row", { name: /4\s*Erro\s*É preciso um nome para criar um contato\./ }).waitFor();
    const skipped = preview.getByRole("table", { name: "Linhas ignoradas" });
    await skipped.getByRole("row", { name: /3\s*Pulado\s*Repete a linha 2 deste arquivo/ }).waitFor();
    // a preview: nothing was written
    expect(await contactCount()).toBe(1);
    await expectAccessible(page, "contacts-import-preview");

    await preview.getByRole("button", { name: "Importar estes contatos" }).click();
    await page.getByText("Concluída", { exact: true }).waitFor({ timeout: 30_000 });
    const report = page.getByRole("table", { name: "Linha a linha" });
    // the custom field the import changed by its label, not its key
    await report
      .getByRole("row", { name: /1\s*Atualizado\s*Alterou: e-mail, empresa, Plano de assinatura, tags\./ })
      .waitFor();
    const outcomes = await report
      .getByRole("row")
      .evaluateAll((rows) => rows.slice(1).map((row) => row.querySelectorAll("td")[1]?.textContent ?? ""));
    expect(outcomes).toEqual(["Atualizado", "Criado", "Pulado", "Erro"]);
    expect(await contactCount()).toBe(2);

    // the button confirmed the preview: the import read the file the preview kept, not a second upload
    const imports = await rest<{
      items: Array<{ id: string; dryRun: boolean; confirmedImportId: string | null }>;
    }>("GET", "/contacts/imports");
    const [done, previewed] = imports.items;
    expect(imports.items).toHaveLength(2);
    expect(previewed).toMatchObject({ dryRun: true, confirmedImportId: done?.id });
    expect(done).toMatchObject({ dryRun: false, confirmedImportId: null });
  });

  it("says so in Portuguese when the preview was already imported elsewhere (another tab)", async () => {
    await page.goto(url("/contacts/import"));
    await page.getByLabel("Arquivo CSV").setInputFiles({
      name: "clientes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("nome,e-mail\nDaniela,daniela@example.com\n", "utf8"),
    });
    await page.getByRole("button", { name: "Pré-visualizar" }).click();
    const preview = page.getByRole("region", { name: "Pré-visualização" });
    const confirm = preview.getByRole("button", { name: "Importar estes contatos" });
    await confirm.waitFor({ timeout: 30_000 });
    const [latest] = (await rest<{ items: Array<{ id: string }> }>("GET", "/contacts/imports?limit=1")).items;
    await rest("POST", `/contacts/imports/${latest?.id}/confirm`, {});
    await confirm.click();
    await page.getByText("Estes contatos já foram importados a partir desta pré-visualização.").waitFor();
  });

  it("asks for a new preview when the mode changes after one", async () => {
    await page.goto(url("/contacts/import"));
    await page.getByLabel("Arquivo CSV").setInputFiles({
      name: "clientes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await page.getByRole("button", { name: "Pré-visualizar" }).click();
    const preview = page.getByRole("region", { name: "Pré-visualização" });
    await preview.getByRole("button", { name: "Importar estes contatos" }).waitFor({ timeout: 30_000 });
    await page.getByRole("radio", { name: /Pular a linha/ }).check();
    await preview.waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: "Importar estes contatos" }).count()).toBe(0);
  });
});
