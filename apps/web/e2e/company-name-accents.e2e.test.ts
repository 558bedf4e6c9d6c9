import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";
let existingId = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown): Promise<T> =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

const companyNames = async () =>
  (await rest<{ items: { name: string }[] }>("GET", "/companies?limit=100")).items.map(
    (company) => company.name,
  );

/** The text the field's aria-describedby points at: what a screen reader says of it. */
const descriptionOf = (field: Locator) =>
  field.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

/** Submits `name` in the open company dialog and follows the way to the company that already has it. */
async function refusedAndOpened(dialog: Locator, submit: string, name: string) {
  const nameField = dialog.getByLabel("Name", { exact: true });
  await nameField.fill(name);
  await dialog.getByRole("button", { name: submit }).click();
  // said once, under the name it is about, with the way to the existing company
  await dialog.getByText("A company with this name already exists.").waitFor();
  expect(await nameField.getAttribute("aria-invalid")).toBe("true");
  expect(await descriptionOf(nameField)).toContain("A company with this name already exists.");
  const link = dialog.getByRole("link", { name: "Open the existing company" });
  expect(await link.getAttribute("href")).toBe(`/companies/${existingId}`);
  await link.click();
  await page.waitForURL((address) => address.pathname === `/companies/${existingId}`);
  await page.getByRole("heading", { name: "Padaria São João", level: 1 }).waitFor();
  expect(await page.getByRole("dialog").count()).toBe(0);
}

beforeAll(async () => {
  session = await startBrowserSession({ locale: "en-US" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Mercado Boa Vista", name: "Rita Moraes" }))
    .token;
  existingId = (await rest<{ id: string }>("POST", "/companies", { name: "Padaria São João" })).id;
});

afterAll(async () => {
  await session?.close();
});

describe("a company name typed without accents or in another letter case", () => {
  it("creating padaria sao joao is refused under the name, with a link to Padaria São João", async () => {
    await page.goto(url("/companies"));
    await page.getByRole("button", { name: "New company" }).click();
    await refusedAndOpened(
      page.getByRole("dialog", { name: "New company" }),
      "Create company",
      "padaria sao joao",
    );
    expect(await companyNames()).toEqual(["Padaria São João"]);
  });

  it("renaming another company to PADARIA SAO JOAO is refused the same way", async () => {
    const other = await rest<{ id: string }>("POST", "/companies", { name: "Mercearia Central" });
    await page.goto(url(`/companies/${other.id}`));
    await page.getByRole("heading", { name: "Mercearia Central", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await refusedAndOpened(
      page.getByRole("dialog", { name: "Edit company" }),
      "Save changes",
      "PADARIA SAO JOAO",
    );
    expect((await companyNames()).sort()).toEqual(["Mercearia Central", "Padaria São João"]);
  });
});
