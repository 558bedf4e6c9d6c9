import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";
/** More than one page of the API (100). */
const tagCount = 150;
const tagName = (n: number) => `Etiqueta ${String(n).padStart(3, "0")}`;

const url = (path: string) => `${session.api.baseUrl}${path}`;
/** The REST API as a script calls it, with the session token; any answer but a success fails the test. */
async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url(`/api/v1${path}`), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Floricultura Ipê", name: "Renata Campos" }))
    .token;
  // #150 first, so it is the oldest: the first page, A-Z or newest first, holds #1 to #100
  for (let n = tagCount; n >= 1; n--) await rest("POST", "/tags", { name: tagName(n) });
});

afterAll(async () => {
  await session?.close();
});

describe("tags of an organization with more than one page of them", () => {
  it("the tag picker finds tag #150 as its name is typed and adds it to the contact", async () => {
    const firstPage = await rest<{ items: Array<{ name: string }> }>("GET", "/tags?limit=100");
    expect(firstPage.items.map((tag) => tag.name)).not.toContain(tagName(150));
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Heitor Vasconcelos" });

    await page.goto(url(`/contacts/${contact.id}`));
    await page.getByRole("heading", { name: "Heitor Vasconcelos" }).waitFor();
    await page.getByLabel("Tags", { exact: true }).pressSequentially("etiqueta 150");
    await page.getByRole("button", { name: `Add tag ${tagName(150)}`, exact: true }).click();

    const chosen = page.getByRole("list", { name: "Chosen tags" });
    await chosen.getByText(tagName(150), { exact: true }).waitFor();
    await expect
      .poll(
        async () => (await rest<{ tags: Array<{ name: string }> }>("GET", `/contacts/${contact.id}`)).tags,
      )
      .toEqual([expect.objectContaining({ name: tagName(150) })]);
    // nothing was created on the way: the existing tag was found, not a new one of the same name
    const named = await rest<{ items: unknown[] }>("GET", `/tags?search=${encodeURIComponent(tagName(150))}`);
    expect(named.items).toHaveLength(1);
  });

  it("the contacts' tag filter finds tag #150 as its name is typed, and names it when it comes from the URL", async () => {
    await rest("POST", "/contacts", { name: "Iara Fontes" });
    const contactsTable = () => page.getByRole("table", { name: "Contacts" });
    const contactNames = () => contactsTable().getByRole("row").getByRole("link").allTextContents();
    const combobox = () => page.getByRole("combobox", { name: "Filter by tag" });

    await page.goto(url("/contacts"));
    await expect
      .poll(async () => (await contactNames()).sort())
      .toEqual(["Heitor Vasconcelos", "Iara Fontes"]);
    await combobox().click();
    await page.keyboard.type("etiqueta 150");
    const results = page.getByRole("listbox", { name: "Matching tags" });
    await expect.poll(() => results.getByRole("option").allTextContents()).toEqual([tagName(150)]);
    await page.keyboard.press("Enter");
    await page.waitForURL((address) => address.searchParams.has("tagId"));
    await expect.poll(contactNames).toEqual(["Heitor Vasconcelos"]);

    await page.reload();
    await expect.poll(contactNames).toEqual(["Heitor Vasconcelos"]);
    await expect.poll(() => combobox().inputValue()).toBe(tagName(150));
  });

  it("the tags settings page lists every tag, a page at a time", async () => {
    await page.goto(url("/settings/tags"));
    const table = page.getByRole("table", { name: "Tags" });
    await table.getByText(tagName(1), { exact: true }).waitFor();
    expect(await table.getByText(tagName(150), { exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Load more" }).click();
    await table.getByText(tagName(150), { exact: true }).waitFor();
  });
});

describe("custom fields of an organization with more than one page of them", () => {
  it("the contact form has an input for each, the oldest too", async () => {
    const fieldCount = 101;
    const label = (n: number) => `Campo ${String(n).padStart(3, "0")}`;
    // #101 first, so it is the oldest, on no first page of the newest hundred
    for (let n = fieldCount; n >= 1; n--) {
      await rest("POST", "/custom-fields", { key: `campo_${n}`, label: label(n), type: "text" });
    }

    await page.goto(url("/contacts"));
    await page.getByRole("button", { name: "New contact" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(label(1), { exact: true }).waitFor();
    await dialog.getByLabel(label(101), { exact: true }).waitFor();
  });
});
