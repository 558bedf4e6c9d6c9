import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

// what a Brazilian sales team's QA pass found in the contacts list and the "Novo contato" dialog
let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Vendas Joinville", name: "Renata Schulz" }))
    .token;
  await rest("POST", "/companies", { name: "Padaria Pão Quente" });
  await rest("POST", "/contacts", { name: "Ana Souza" });
});

afterAll(async () => {
  await session?.close();
});

async function openNewContact() {
  await page.goto(url("/contacts"));
  await page.getByRole("button", { name: "Novo contato" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Novo contato" });
  await dialog.getByLabel("Nome").waitFor();
  return dialog;
}

describe("the contacts search", () => {
  it("takes up to 100 characters, says so in Portuguese, and keeps the list instead of an English error", async () => {
    await page.goto(url("/contacts"));
    const box = page.getByRole("searchbox", { name: "Buscar contatos" });
    await box.fill("x".repeat(150));
    expect(await box.inputValue()).toBe("x".repeat(100));
    await page.getByText("A busca aceita até 100 caracteres").waitFor();
    await page.getByText("Nenhum contato encontrado").waitFor();
    expect(await page.getByText(/Too big|expected string/).count()).toBe(0);

    // a longer search in a shared link lists too
    await page.goto(url(`/contacts?q=${"Ana Souza".padEnd(150, " x")}`));
    await page.getByText("Nenhum contato encontrado").waitFor();
    expect(await page.getByText(/Too big|expected string/).count()).toBe(0);
    await page.goto(url("/contacts?q=Ana"));
    await page.getByRole("link", { name: "Ana Souza" }).waitFor();
  });
});

describe("the Novo contato dialog", () => {
  it("says the DDD is missing from a phone typed without it", async () => {
    const dialog = await openNewContact();
    await dialog.getByLabel("Nome").fill("Bruno Lima");
    await dialog.getByLabel("Telefone").fill("98765-4321");
    await dialog.getByRole("button", { name: "Criar contato" }).click();
    await dialog.getByText("Falta o DDD").first().waitFor();
    expect(await dialog.getByText("com o código do país").count()).toBe(0);
    await dialog.getByLabel("Telefone").fill("(47) 98765-4321");
    await dialog.getByRole("button", { name: "Criar contato" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("closes only the company suggestions on Escape, and asks before discarding what was filled in", async () => {
    const dialog = await openNewContact();
    await dialog.getByLabel("Nome").fill("Carla Dias");
    const company = dialog.getByRole("combobox", { name: "Empresa" });
    await company.fill("Padaria");
    const suggestions = dialog.getByRole("listbox", { name: "Empresas sugeridas" });
    await suggestions.getByRole("option", { name: "Padaria Pão Quente" }).waitFor();

    await page.keyboard.press("Escape");
    await suggestions.waitFor({ state: "hidden" });
    expect(await dialog.isVisible()).toBe(true);
    expect(await company.inputValue()).toBe("Padaria");

    // the arrows and Enter pick a suggestion, without sending the form
    await page.keyboard.press("ArrowDown");
    await suggestions.getByRole("option", { name: "Padaria Pão Quente" }).waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => company.inputValue()).toBe("Padaria Pão Quente");
    await suggestions.waitFor({ state: "hidden" });
    expect(await dialog.isVisible()).toBe(true);

    // Escape now would close the form: it asks first, and Cancelar keeps everything
    await page.keyboard.press("Escape");
    const confirm = page.getByRole("dialog", { name: "Descartar alterações?" });
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "Cancelar" }).click();
    await confirm.waitFor({ state: "detached" });
    expect(await dialog.getByLabel("Nome").inputValue()).toBe("Carla Dias");
    expect(await company.inputValue()).toBe("Padaria Pão Quente");

    // the form's Cancelar asks too; discarding closes it, and nothing was created
    await dialog.getByRole("button", { name: "Cancelar" }).click();
    await confirm.getByRole("button", { name: "Descartar alterações" }).click();
    await dialog.waitFor({ state: "detached" });
    const found = await rest<{ items: unknown[] }>("GET", "/contacts?search=Carla");
    expect(found.items).toEqual([]);
  });

  it("closes at once on Escape when nothing was filled in", async () => {
    const dialog = await openNewContact();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.getByRole("dialog").count()).toBe(0);
  });
});
