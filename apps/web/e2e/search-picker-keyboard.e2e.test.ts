import { type FakeStripe, startFakeStripe } from "@crm/integrations/testing";
import type { Locator, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

let stripe: FakeStripe;
let session: BrowserSession;
let page: Page;
let token = "";

beforeAll(async () => {
  stripe = await startFakeStripe();
  session = await startBrowserSession({ env: { STRIPE_API_BASE: stripe.apiBase }, locale: "en-US" });
  page = session.page;
  ({ token } = await registerOwner(session, { organizationName: "Teclado Ltda", name: "Rita Moura" }));
});

afterAll(async () => {
  await session?.close();
  await stripe?.close();
});

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

/** The names of the listed options, in order, once `count` of them show in answer to what is typed. */
async function optionNames(list: Locator, count: number): Promise<string[]> {
  const options = list.getByRole("option");
  await expect.poll(() => list.getAttribute("aria-busy")).toBe(null);
  await expect.poll(() => options.count()).toBe(count);
  return options.allTextContents();
}

/** The text of the option the combobox points at (its `aria-activedescendant`), or null. */
const activeOption = (box: Locator) =>
  box.evaluate((input) => {
    const id = input.getAttribute("aria-activedescendant");
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });

const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? null);

describe("the contact and deal pickers by keyboard alone", () => {
  it("moves through the contacts with the arrows, hides the list with Escape and picks with Enter", async () => {
    const people = ["Renata Alves", "Renato Braga", "Renan Costa"];
    for (const name of people) {
      await rest("POST", "/contacts", { name, email: `${name.split(" ")[0]?.toLowerCase()}@example.com` });
    }
    await page.goto(url("/deals"));
    await page.getByRole("button", { name: "New deal" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New deal" });
    // the dialog opens on the title; Tab goes on to the contact's search box
    await page.keyboard.type("Assinatura anual");
    await page.keyboard.press("Tab");
    const box = dialog.getByRole("combobox", { name: "Contact", exact: true });
    await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type("Rena");
    const list = dialog.getByRole("listbox", { name: "Matching contacts" });
    const names = await optionNames(list, 3);
    expect(await box.getAttribute("aria-controls")).toBe(await list.getAttribute("id"));
    expect(await box.getAttribute("aria-expanded")).toBe("true");

    // Down from nothing is the first; it wraps around at either end
    await page.keyboard.press("ArrowDown");
    expect(await activeOption(box)).toBe(names[0]);
    await page.keyboard.press("ArrowUp");
    expect(await activeOption(box)).toBe(names[2]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await activeOption(box)).toBe(names[1]);
    expect(await list.getByRole("option", { selected: true }).allTextContents()).toEqual([names[1]]);
    await expectAccessible(page, "contact-picker-keyboard");

    // Escape hides the list, not the dialog, and keeps what was typed; an arrow brings the list back
    await page.keyboard.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    expect(await list.isVisible()).toBe(false);
    expect(await dialog.isVisible()).toBe(true);
    expect(await box.inputValue()).toBe("Rena");
    await page.keyboard.press("ArrowDown");
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    expect(await activeOption(box)).toBe(names[0]);
    await page.keyboard.press("ArrowDown");

    await page.keyboard.press("Enter");
    // a row reads initials, name and email
    const chosen = people.find((name) => names[1]?.includes(name)) ?? "";
    await dialog.getByText(chosen, { exact: true }).waitFor();
    expect(await dialog.getByRole("combobox", { name: "Contact", exact: true }).count()).toBe(0);
    // the Enter did not send the form: the dialog is still there, and focus moved to the card's Change
    expect(await dialog.isVisible()).toBe(true);
    await expect.poll(focusedText).toBe("Change");

    await dialog.getByLabel("Value").fill("900");
    await dialog.getByRole("button", { name: "Create deal" }).click();
    await dialog.waitFor({ state: "detached" });
    const deals = await rest<{ items: Array<{ title: string; contactId: string }> }>(
      "GET",
      "/deals?search=Assinatura",
    );
    const contacts = await rest<{ items: Array<{ id: string; name: string }> }>(
      "GET",
      "/contacts?search=Rena",
    );
    const picked = contacts.items.find((contact) => contact.name === chosen);
    expect(deals.items.map((deal) => deal.contactId)).toEqual([picked?.id]);
  });

  it("picks nothing with Enter while the list still answers the previous search, then the new match", async () => {
    await rest("POST", "/contacts", { name: "Maria Quitéria", email: "maria@example.com" });
    await page.goto(url("/deals"));
    await page.getByRole("button", { name: "New deal" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New deal" });
    const box = dialog.getByRole("combobox", { name: "Contact", exact: true });
    await box.click();
    await page.keyboard.type("Rena");
    const list = dialog.getByRole("listbox", { name: "Matching contacts" });
    const oldNames = await optionNames(list, 3);

    // the contact list's answers for any other search are held until released
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let mariaAsked = false;
    const holdNewSearches = async (route: Route) => {
      const request = new URL(route.request().url());
      const names = request.pathname.slice(request.pathname.indexOf("/trpc/") + "/trpc/".length).split(",");
      if (!names.includes("contacts.list") || request.searchParams.get("input")?.includes('"Rena"')) {
        return route.fallback();
      }
      if (request.searchParams.get("input")?.includes('"Maria"')) mariaAsked = true;
      await held;
      return route.fallback();
    };
    await page.route("**/trpc/**", holdNewSearches);
    try {
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("Maria");
      // at once, before the search is even sent: the old list is still shown
      await page.keyboard.press("Enter");
      expect(await dialog.getByRole("button", { name: "Change" }).count()).toBe(0);
      expect(await box.inputValue()).toBe("Maria");

      // the search for "Maria" was sent, its answer not yet back: still the old list, and an old row pointed at
      await expect.poll(() => mariaAsked).toBe(true);
      expect(await list.getAttribute("aria-busy")).toBe("true");
      expect(await list.getByRole("option").allTextContents()).toEqual(oldNames);
      await page.keyboard.press("ArrowDown");
      expect(await activeOption(box)).toBe(oldNames[0]);
      await page.keyboard.press("Enter");
      expect(await dialog.getByRole("button", { name: "Change" }).count()).toBe(0);
      expect(await box.inputValue()).toBe("Maria");
      expect(await dialog.isVisible()).toBe(true);

      release();
      const [newName] = await optionNames(list, 1);
      expect(newName).toContain("Maria Quitéria");
      // the row pointed at in the old list does not carry over to whichever record now stands there
      expect(await activeOption(box)).toBe(null);
      await page.keyboard.press("Enter");
      await dialog.getByText("Maria Quitéria", { exact: true }).waitFor();
      await expect.poll(focusedText).toBe("Change");
    } finally {
      release();
      await page.unroute("**/trpc/**", holdNewSearches);
    }
  });

  it("picks the deal to charge with the arrows and Enter, and Change brings the search back", async () => {
    const pipeline = (
      await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>("GET", "/pipelines")
    ).items[0];
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Paulo Teixeira" });
    for (const title of ["Pedido 101", "Pedido 102", "Pedido 103"]) {
      await rest("POST", "/deals", {
        title,
        contactId: contact.id,
        pipelineId: pipeline?.id,
        stage: pipeline?.stages[0]?.id,
        value: { amount: "250.00", currency: "BRL" },
      });
    }
    await rest("POST", "/integrations", { channel: "stripe", name: "Stripe teclado", config: stripe.config });

    await page.goto(url("/payments"));
    await page.getByRole("button", { name: "Create payment link" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a payment link" });
    const box = dialog.getByRole("combobox", { name: "Deal", exact: true });
    // the dialog opens on the deal's search box
    await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type("Pedido");
    const list = dialog.getByRole("listbox", { name: "Open deals" });
    const names = await optionNames(list, 3);
    await page.keyboard.press("ArrowUp");
    expect(await activeOption(box)).toBe(names[2]);
    await page.keyboard.press("ArrowUp");
    expect(await activeOption(box)).toBe(names[1]);
    await page.keyboard.press("Enter");

    const title = (names[1] ?? "").split(",")[0] ?? "";
    await dialog.getByText(title, { exact: true }).waitFor();
    expect(await list.count()).toBe(0);
    await expect.poll(focusedText).toBe("Change");

    // Change: the search is back, focused, with the list open again
    await page.keyboard.press("Enter");
    await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true);
    await optionNames(list, 3);
    await page.keyboard.press("ArrowDown");
    expect(await activeOption(box)).toBe(names[0]);
  });
});
