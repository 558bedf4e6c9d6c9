import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  expectAccessible,
  openPage,
  registerOwner,
  restAs,
  startBrowserSession,
} from "./session";

let smtp: SmtpSink;
let session: BrowserSession;
let page: Page;
let ownerToken: string;
const password = "correct horse battery";
/** Ids of what the tests create through the API, by name. */
const ids: Record<string, string> = {};

const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

/** The REST API as a script calls it, with a session token. */
const rest = <T>(token: string, method: string, path: string, body?: unknown): Promise<T> =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

async function createCompany(name: string): Promise<string> {
  const { id } = await rest<{ id: string }>(ownerToken, "POST", "/companies", { name });
  ids[name] = id;
  return id;
}

async function createContact(name: string, company: string, extra: Record<string, string> = {}) {
  const companyId = ids[company];
  ids[name] = (await rest<{ id: string }>(ownerToken, "POST", "/contacts", { name, companyId, ...extra })).id;
}

interface ContactDto {
  company: { id: string; name: string } | null;
}

/** A teammate with `role`, signed in in a browser of their own. */
async function member(role: "agent" | "viewer"): Promise<{ context: BrowserContext; page: Page }> {
  const email = unique(role);
  await rest(ownerToken, "POST", "/users", { email, role });
  const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, name: `Member ${role}`, password }),
  });
  expect(accepted.status).toBe(200);
  const signedIn = (await accepted.json()) as { token: string };
  const opened = await openPage(session.browser);
  await opened.context.addCookies([{ name: "crm_session", value: signedIn.token, url: session.api.baseUrl }]);
  return opened;
}

const companiesTable = (on: Page) => on.getByRole("table", { name: "Companies" });
const companyRow = (on: Page, name: string) =>
  companiesTable(on)
    .getByRole("row")
    .filter({ has: on.getByRole("link", { name, exact: true }) });
/** The number in a company's "Contacts" cell. */
const contactCountOf = (name: string) => companyRow(page, name).getByRole("cell").nth(1).textContent();

beforeAll(async () => {
  smtp = await startSmtpSink();
  session = await startBrowserSession({ env: { SMTP_URL: smtp.url }, locale: "en-US" });
  page = session.page;
  ownerToken = (
    await registerOwner(session, { organizationName: "Distribuidora Boa Safra", name: "Helena Prado" })
  ).token;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe("the companies page", () => {
  it("is in the main navigation, starts empty and creates a company", async () => {
    await page.goto(url("/inbox"));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Companies" }).click();
    await page.waitForURL((address) => address.pathname === "/companies");
    await page.getByRole("heading", { name: "No companies yet" }).waitFor();
    await expectAccessible(page, "companies-01-empty");

    await page.getByRole("button", { name: "New company" }).click();
    const dialog = page.getByRole("dialog", { name: "New company" });
    await dialog.getByLabel("Name").fill("Padaria Central");
    await dialog.getByRole("button", { name: "Create company" }).click();
    await dialog.waitFor({ state: "detached" });
    await companyRow(page, "Padaria Central").waitFor();
    expect(await contactCountOf("Padaria Central")).toBe("0");
    await expectAccessible(page, "companies-01a-created");
  });

  it("shows each company's number of contacts and finds companies by name", async () => {
    const [found] = (
      await rest<{ items: { id: string; name: string }[] }>(ownerToken, "GET", "/companies?search=Padaria")
    ).items;
    ids["Padaria Central"] = found?.id ?? "";
    await createCompany("Café Aroma");
    await createContact("Ana Lima", "Padaria Central", { email: "ana.lima@example.com" });
    await createContact("Bruno Costa", "Padaria Central", { phone: "+5511912345678" });
    await createContact("Carla Dias", "Café Aroma");

    await page.reload();
    await companyRow(page, "Café Aroma").waitFor();
    expect(await contactCountOf("Padaria Central")).toBe("2");
    expect(await contactCountOf("Café Aroma")).toBe("1");

    await page.getByLabel("Search companies").fill("aroma");
    await page.waitForURL(/q=aroma/);
    await expect.poll(() => companyRow(page, "Padaria Central").count()).toBe(0);
    await companyRow(page, "Café Aroma").waitFor();
    await expectAccessible(page, "companies-02-search");

    await page.getByLabel("Search companies").fill("Mercearia");
    await page.getByText("No companies match").waitFor();
    await page.getByRole("button", { name: "Clear search" }).click();
    await companyRow(page, "Padaria Central").waitFor();
    await companyRow(page, "Café Aroma").waitFor();
    expect(new URL(page.url()).search).toBe("");
  });

  it("refuses a second company of the same name in another letter case, and opens the existing one", async () => {
    await page.getByRole("button", { name: "New company" }).click();
    const dialog = page.getByRole("dialog", { name: "New company" });
    await dialog.getByLabel("Name").fill("padaria central");
    await dialog.getByRole("button", { name: "Create company" }).click();
    // said once, under the name it is about (a locator matching twice would fail here)
    await dialog.getByText("A company with this name already exists.").waitFor();
    await dialog.getByRole("link", { name: "Open the existing company" }).click();
    await page.waitForURL((address) => address.pathname === `/companies/${ids["Padaria Central"]}`);
    await page.getByRole("heading", { name: "Padaria Central", level: 1 }).waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
  });

  it("lists a company's contacts, each a link to the contact, whose page links back to the company", async () => {
    const people = page.getByRole("table", { name: "Contacts" });
    await people.getByRole("link", { name: "Ana Lima" }).waitFor();
    await people.getByRole("link", { name: "Bruno Costa" }).waitFor();
    expect(await people.getByRole("link", { name: "Carla Dias" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Open in contacts" }).getAttribute("href")).toBe(
      `/contacts?companyId=${ids["Padaria Central"]}`,
    );
    await expectAccessible(page, "companies-03-company");

    await people.getByRole("link", { name: "Ana Lima" }).click();
    await page.getByRole("heading", { name: "Ana Lima", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Padaria Central" }).click();
    await page.waitForURL((address) => address.pathname === `/companies/${ids["Padaria Central"]}`);
    await page.getByRole("heading", { name: "Padaria Central", level: 1 }).waitFor();
  });

  it("renames a company from the list; its contacts show the new name", async () => {
    await page.getByRole("link", { name: "All companies" }).click();
    await page.getByRole("button", { name: "Edit Café Aroma" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit company" });
    expect(await dialog.getByLabel("Name").inputValue()).toBe("Café Aroma");
    await dialog.getByLabel("Name").fill("Café Aroma Ltda");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "detached" });
    await companyRow(page, "Café Aroma Ltda").waitFor();
    expect(await companyRow(page, "Café Aroma").count()).toBe(0);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
    await page
      .getByRole("table", { name: "Contacts" })
      .getByRole("row")
      .filter({ hasText: "Carla Dias" })
      .getByText("Café Aroma Ltda")
      .waitFor();
  });

  it("deletes a company from its page, saying that its contacts stay, without a company", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Companies" }).click();
    await companyRow(page, "Padaria Central").getByRole("link").click();
    await page.getByRole("table", { name: "Contacts" }).getByRole("link", { name: "Bruno Costa" }).waitFor();
    await page.getByRole("button", { name: "Delete Padaria Central" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete company?" });
    await dialog
      .getByText(
        "Padaria Central will be deleted. Its 2 contacts stay, without a company. This cannot be undone.",
      )
      .waitFor();
    await expectAccessible(page, "companies-04-delete");
    await dialog.getByRole("button", { name: "Delete company" }).click();
    await page.waitForURL((address) => address.pathname === "/companies");
    await companyRow(page, "Café Aroma Ltda").waitFor();
    expect(await companyRow(page, "Padaria Central").count()).toBe(0);

    for (const name of ["Ana Lima", "Bruno Costa"]) {
      const contact = await rest<ContactDto>(ownerToken, "GET", `/contacts/${ids[name]}`);
      expect(contact.company).toBeNull();
    }
    // the contacts list's company filter no longer offers it
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("combobox", { name: "Filter by company" }).click();
    const offered = page.getByRole("listbox", { name: "Matching companies" });
    await offered.getByRole("option", { name: "Café Aroma Ltda" }).waitFor();
    await expect.poll(() => offered.getByRole("option", { name: "Padaria Central" }).count()).toBe(0);
    await page.keyboard.press("Escape");
  });

  it("deletes a company from the list, naming its one contact", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Companies" }).click();
    await page.getByRole("button", { name: "Delete Café Aroma Ltda" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete company?" });
    await dialog
      .getByText(
        "Café Aroma Ltda will be deleted. Its one contact stays, without a company. This cannot be undone.",
      )
      .waitFor();
    await dialog.getByRole("button", { name: "Delete company" }).click();
    await page.getByRole("heading", { name: "No companies yet" }).waitFor();
    expect((await rest<ContactDto>(ownerToken, "GET", `/contacts/${ids["Carla Dias"]}`)).company).toBeNull();
  });

  it("lets a viewer only read companies and an agent create and rename but not delete them", async () => {
    await createCompany("Mercado Bom Preço");
    await createContact("Davi Rocha", "Mercado Bom Preço");

    const viewer = await member("viewer");
    try {
      const on = viewer.page;
      await on.goto(url("/companies"));
      await companyRow(on, "Mercado Bom Preço").waitFor();
      expect(await on.getByRole("button", { name: "New company" }).count()).toBe(0);
      expect(await on.getByRole("button", { name: "Edit Mercado Bom Preço" }).count()).toBe(0);
      expect(await on.getByRole("button", { name: "Delete Mercado Bom Preço" }).count()).toBe(0);
      await companyRow(on, "Mercado Bom Preço").getByRole("link").click();
      await on.getByRole("table", { name: "Contacts" }).getByRole("link", { name: "Davi Rocha" }).waitFor();
      expect(await on.getByRole("button", { name: "Edit" }).count()).toBe(0);
      expect(await on.getByRole("button", { name: "Delete Mercado Bom Preço" }).count()).toBe(0);
    } finally {
      await viewer.context.close();
    }

    const agent = await member("agent");
    try {
      const on = agent.page;
      await on.goto(url("/companies"));
      await companyRow(on, "Mercado Bom Preço").waitFor();
      await on.getByRole("button", { name: "New company" }).waitFor();
      await on.getByRole("button", { name: "Edit Mercado Bom Preço" }).waitFor();
      expect(await on.getByRole("button", { name: "Delete Mercado Bom Preço" }).count()).toBe(0);
    } finally {
      await agent.context.close();
    }
  });

  it("fits a phone: name, number of contacts and actions in view, nothing to scroll sideways", async () => {
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(url("/companies"));
      const row = companyRow(page, "Mercado Bom Preço");
      // the number of contacts under the name, in place of its column
      await row.getByText("1 contact", { exact: true }).filter({ visible: true }).waitFor();
      expect(await companiesTable(page).getByRole("columnheader", { name: "Contacts" }).isVisible()).toBe(
        false,
      );
      for (const target of [
        row.getByRole("link", { name: "Mercado Bom Preço" }),
        row.getByRole("button", { name: "Edit Mercado Bom Preço" }),
        row.getByRole("button", { name: "Delete Mercado Bom Preço" }),
      ]) {
        const box = await target.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await expectAccessible(page, "companies-05-phone");
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  });
});

const sections = {
  "en-US": {
    nav: "Main",
    more: "More",
    entries: [
      ["Inbox", "/inbox"],
      ["Contacts", "/contacts"],
      ["Companies", "/companies"],
      ["Deals", "/deals"],
      ["Payments", "/payments"],
      ["Settings", "/settings"],
    ],
  },
  "pt-BR": {
    nav: "Principal",
    more: "Mais",
    entries: [
      ["Caixa de entrada", "/inbox"],
      ["Contatos", "/contacts"],
      ["Empresas", "/companies"],
      ["Negócios", "/deals"],
      ["Pagamentos", "/payments"],
      ["Configurações", "/settings"],
    ],
  },
} as const;

describe("the main navigation on a phone", () => {
  for (const [locale, { nav: navName, more, entries }] of Object.entries(sections)) {
    it(`reaches every section in ${locale}, each in view or in the More menu, never scrolled off the edge`, async () => {
      const phone = await session.browser.newContext({
        locale,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        bypassCSP: true,
      });
      try {
        await phone.addCookies([{ name: "crm_session", value: ownerToken, url: session.api.baseUrl }]);
        const on = await phone.newPage();
        on.setDefaultTimeout(15_000);
        await on.goto(url("/inbox"));
        const nav = on.getByRole("navigation", { name: navName });
        await nav.waitFor();
        let inMenu = 0;
        for (const [label, path] of entries) {
          const link = nav.getByRole("link", { name: label, exact: true });
          if ((await link.count()) > 0) {
            const box = await link.boundingBox();
            expect(box && box.x >= 0 && box.x + box.width <= 390, `${label} is in view`).toBe(true);
            await link.click();
          } else {
            await nav.getByRole("button", { name: more }).click();
            await on.getByRole("menuitem", { name: label, exact: true }).click();
            inMenu += 1;
          }
          await on.waitForURL((address) => address.pathname.startsWith(path));
        }
        // six sections do not fit 390 pixels: some are in the menu, and the row itself does not scroll
        expect(inMenu).toBeGreaterThan(0);
        expect(await nav.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
        expect(await on.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
        await nav.getByRole("button", { name: more }).click();
        await on.getByRole("menu").waitFor();
        await expectAccessible(on, `nav-phone-${locale}`);
        await on.keyboard.press("Escape");
      } finally {
        await phone.close();
      }
    });
  }
});
