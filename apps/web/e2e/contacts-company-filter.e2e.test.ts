import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";
/** More than one page of the API (100): the oldest companies are on none of the first. */
const companyCount = 130;
const companyIds: string[] = [];

const url = (path: string) => `${session.api.baseUrl}${path}`;
const companyName = (n: number) => `Fornecedor ${String(n).padStart(3, "0")}`;

async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url(`/api/v1${path}`), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect([200, 201], `${method} ${path}: ${response.status}`).toContain(response.status);
  return (await response.json()) as T;
}

const contactsTable = () => page.getByRole("table", { name: "Contatos" });
const contactNames = () => contactsTable().getByRole("row").getByRole("link").allTextContents();
const combobox = () => page.getByRole("combobox", { name: "Filtrar por empresa" });
const results = () => page.getByRole("listbox", { name: "Empresas encontradas" });

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Atacado Serra Azul", name: "Lívia Moraes" }))
    .token;
  // one after another, so "Fornecedor 001" is the oldest and lists last, far past the first page
  for (let n = 1; n <= companyCount; n++) {
    companyIds.push((await rest<{ id: string }>("POST", "/companies", { name: companyName(n) })).id);
  }
  await rest("POST", "/contacts", { name: "Otávio Mendes", companyId: companyIds[0] });
  await rest("POST", "/contacts", { name: "Priscila Nunes", companyId: companyIds[1] });
  await rest("POST", "/contacts", { name: "Rui Barbosa", companyId: companyIds[companyCount - 1] });
});

afterAll(async () => {
  await session?.close();
});

describe("the contacts' company filter", () => {
  it("finds a company past the first hundred as the name is typed, and is used with the keyboard", async () => {
    const firstPage = await rest<{ items: Array<{ name: string }> }>("GET", "/companies?limit=100");
    expect(firstPage.items.map((company) => company.name)).not.toContain(companyName(1));

    await page.goto(url("/contacts"));
    await contactsTable().getByRole("link", { name: "Rui Barbosa" }).waitFor();
    await combobox().focus();
    await page.keyboard.type("fornecedor 00");
    await results()
      .getByRole("option", { name: companyName(1), exact: true })
      .waitFor();
    expect(await results().getByRole("option").allTextContents()).toEqual(
      // the API's order (newest first) and only what contains the text
      [9, 8, 7, 6, 5, 4, 3, 2, 1].map(companyName),
    );
    expect(await combobox().getAttribute("aria-expanded")).toBe("true");
    await expectAccessible(page, "contacts-company-filter-open");

    // from the first result up to the last (the oldest company) and Enter
    for (let step = 0; step < 8; step++) await page.keyboard.press("ArrowDown");
    const active = await combobox().getAttribute("aria-activedescendant");
    expect(await page.locator(`[id="${active}"]`).textContent()).toBe(companyName(1));
    await page.keyboard.press("Enter");
    await page.waitForURL((address) => address.searchParams.get("companyId") === companyIds[0]);
    await expect.poll(contactNames).toEqual(["Otávio Mendes"]);
    expect(await combobox().inputValue()).toBe(companyName(1));
    expect(await combobox().getAttribute("aria-expanded")).toBe("false");
  });

  it("says the chosen company's name when the filter comes from the URL, and says there are more to type for", async () => {
    await page.goto(url(`/contacts?companyId=${companyIds[1]}`));
    await expect.poll(contactNames).toEqual(["Priscila Nunes"]);
    await expect.poll(() => combobox().inputValue()).toBe(companyName(2));

    // opened with nothing typed: the newest companies, the way back to all of them, and a word about the rest
    await combobox().click();
    const options = results().getByRole("option");
    await expect.poll(() => options.count()).toBe(21);
    expect(await options.first().textContent()).toBe("Todas as empresas");
    await page.getByText("Mostrando as primeiras 20. Digite mais do nome para refinar.").waitFor();
    await page.keyboard.type("xyz inexistente");
    await page.getByText("Nenhuma empresa encontrada.").waitFor();
    // Escape closes the list and shows the chosen company again; the filter is unchanged
    await page.keyboard.press("Escape");
    expect(await combobox().inputValue()).toBe(companyName(2));
    expect(new URL(page.url()).searchParams.get("companyId")).toBe(companyIds[1]);

    await page.getByRole("button", { name: "Remover o filtro de empresa" }).click();
    await page.waitForURL((address) => !address.searchParams.has("companyId"));
    await expect
      .poll(async () => (await contactNames()).sort())
      .toEqual(["Otávio Mendes", "Priscila Nunes", "Rui Barbosa"]);
    expect(await combobox().inputValue()).toBe("");
  });

  it("sorts by name from the toolbar, kept in the URL through a reload and a cleared filter", async () => {
    await page.goto(url("/contacts"));
    // newest first by default
    await expect.poll(contactNames).toEqual(["Rui Barbosa", "Priscila Nunes", "Otávio Mendes"]);
    const addedAt = contactsTable().getByRole("columnheader", { name: "Adicionado em" });
    expect(await addedAt.getAttribute("aria-sort")).toBe("descending");

    await page.getByRole("combobox", { name: "Ordenar contatos" }).selectOption({ label: "Nome (A–Z)" });
    await page.waitForURL((address) => address.searchParams.get("sort") === "name");
    await expect.poll(contactNames).toEqual(["Otávio Mendes", "Priscila Nunes", "Rui Barbosa"]);
    const name = contactsTable().getByRole("columnheader", { name: "Nome" });
    expect(await name.getAttribute("aria-sort")).toBe("ascending");
    expect(await addedAt.getAttribute("aria-sort")).toBeNull();
    // an order is no filter: nothing to clear, and the export follows the order
    expect(await page.getByRole("button", { name: "Limpar filtros" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Exportar CSV" }).getAttribute("href")).toContain(
      "sort=name",
    );

    await page.reload();
    await expect.poll(contactNames).toEqual(["Otávio Mendes", "Priscila Nunes", "Rui Barbosa"]);
    await page.getByLabel("Filtrar por telefone").selectOption({ label: "Com telefone" });
    await expect.poll(contactNames).toEqual([]);
    await page.getByRole("button", { name: "Limpar filtros" }).first().click();
    await page.waitForURL((address) => !address.searchParams.has("phone"));
    expect(new URL(page.url()).searchParams.get("sort")).toBe("name");
    await expect.poll(contactNames).toEqual(["Otávio Mendes", "Priscila Nunes", "Rui Barbosa"]);
  });

  it("shows the whole search hint at 1280 px", async () => {
    await page.goto(url("/contacts"));
    const hint = await page
      .getByRole("searchbox", { name: "Buscar contatos" })
      .evaluate((element: HTMLInputElement) => {
        const style = getComputedStyle(element);
        const context = document.createElement("canvas").getContext("2d");
        if (!context) throw new Error("no canvas");
        context.font = style.font;
        const room =
          element.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        return { text: element.placeholder, width: context.measureText(element.placeholder).width, room };
      });
    expect(hint.text).toBe("Busque por nome, e-mail, telefone ou empresa");
    // with room to spare: other systems' fonts are wider than this browser's
    expect(hint.width).toBeLessThanOrEqual(hint.room * 0.85);
  });

  it("suggests any company in the contact form as its name is typed", async () => {
    await page.goto(url("/contacts"));
    await page.getByRole("button", { name: "Novo contato" }).click();
    const dialog = page.getByRole("dialog");
    const company = dialog.getByRole("combobox", { name: "Empresa" });
    await company.fill("Fornecedor 001");
    const suggestions = dialog.getByRole("listbox", { name: "Empresas sugeridas" }).getByRole("option");
    await expect.poll(() => suggestions.allTextContents()).toEqual([companyName(1)]);
    await suggestions.first().click();
    expect(await company.inputValue()).toBe(companyName(1));
  });
});
