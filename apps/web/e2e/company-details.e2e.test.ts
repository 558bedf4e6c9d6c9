import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let ownerToken: string;

const url = (path: string) => `${session.api.baseUrl}${path}`;

beforeAll(async () => {
  session = await startBrowserSession({ locale: "en-US" });
  page = session.page;
  ownerToken = (await registerOwner(session, { organizationName: "Atacado Boa Vista", name: "Rita Souza" }))
    .token;
});

afterAll(async () => {
  await session?.close();
});

describe("a company's CNPJ, website, phone and address", () => {
  it("are entered in the company form and shown formatted on its page", async () => {
    await restAs(session.api.baseUrl, ownerToken, "POST", "/companies", {
      name: "Mercado Central",
      taxId: "33000167000101",
    });
    await page.goto(url("/companies"));
    await page.getByRole("button", { name: "New company" }).click();
    const dialog = page.getByRole("dialog", { name: "New company" });
    await dialog.getByLabel("Name").fill("Padaria Pão Quente");
    // a check digit off by one is caught before sending
    await dialog.getByLabel("CNPJ").fill("11222333000182");
    await dialog.getByRole("button", { name: "Create company" }).click();
    await dialog.getByText("Enter a valid CNPJ").waitFor();

    await dialog.getByLabel("CNPJ").fill("11222333000181");
    await dialog.getByLabel("Website").fill("https://www.PadariaPaoQuente.com.br/contato");
    await dialog.getByLabel("Phone").fill("(11) 3456-7890");
    await dialog.getByLabel("Street").fill("Av. Paulista");
    await dialog.getByLabel("Number").fill("1578");
    await dialog.getByLabel("District").fill("Bela Vista");
    await dialog.getByLabel("City").fill("São Paulo");
    await dialog.getByLabel("State (UF)").fill("sp");
    await dialog.getByLabel("Postal code (CEP)").fill("01310200");
    await expectAccessible(page, "company-details-01-form");
    await dialog.getByRole("button", { name: "Create company" }).click();
    await dialog.waitFor({ state: "detached" });
    const companies = page.getByRole("table", { name: "Companies" });
    await companies.getByText("11.222.333/0001-81 · padariapaoquente.com.br").waitFor();
    await companies.getByText("33.000.167/0001-01").waitFor();

    await page.getByRole("searchbox", { name: "Search companies" }).fill("222.333/0001");
    await page.waitForURL((address) => address.searchParams.get("q") === "222.333/0001");
    await expect.poll(() => companies.getByRole("link", { name: "Mercado Central" }).count()).toBe(0);
    await companies.getByRole("link", { name: "Padaria Pão Quente", exact: true }).click();
    await page.getByRole("heading", { name: "Padaria Pão Quente", level: 1 }).waitFor();
    const details = page.locator("dl").filter({ hasText: "CNPJ" });
    await details.getByText("11.222.333/0001-81").waitFor();
    await details.getByRole("link", { name: "padariapaoquente.com.br" }).waitFor();
    await details.getByText("(11) 3456-7890").waitFor();
    const address = details.locator("address");
    expect(await address.locator("span").allTextContents()).toEqual([
      "Av. Paulista, 1578",
      "Bela Vista",
      "São Paulo – SP",
      "01310-200",
    ]);
    await expectAccessible(page, "company-details-02-page");

    // the stored form: digits only
    const [stored] = (
      await restAs<{ items: { taxId: string | null }[] }>(
        session.api.baseUrl,
        ownerToken,
        "GET",
        "/companies?search=22233",
      )
    ).items;
    expect(stored?.taxId).toBe("11222333000181");
  });

  it("says when another company already has the CNPJ, with the way to it", async () => {
    await page.goto(url("/companies"));
    await page.getByRole("button", { name: "New company" }).click();
    const dialog = page.getByRole("dialog", { name: "New company" });
    await dialog.getByLabel("Name").fill("Outra Padaria");
    await dialog.getByLabel("CNPJ").fill("11.222.333/0001-81");
    await dialog.getByRole("button", { name: "Create company" }).click();
    await dialog.getByText("A company with this CNPJ already exists.").waitFor();
    await dialog.getByRole("link", { name: "Open the existing company" }).click();
    await page.getByRole("heading", { name: "Padaria Pão Quente", level: 1 }).waitFor();
  });

  it("edits the details: the form starts from the formatted CNPJ and a cleared field is gone", async () => {
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit company" });
    expect(await dialog.getByLabel("CNPJ").inputValue()).toBe("11.222.333/0001-81");
    expect(await dialog.getByLabel("Postal code (CEP)").inputValue()).toBe("01310-200");
    await dialog.getByLabel("Website").fill("");
    await dialog.getByLabel("Postal code (CEP)").fill("01310-100");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "detached" });
    const details = page.locator("dl").filter({ hasText: "CNPJ" });
    await details.getByText("01310-100").waitFor();
    expect(await details.getByRole("link", { name: "padariapaoquente.com.br" }).count()).toBe(0);
  });
});
