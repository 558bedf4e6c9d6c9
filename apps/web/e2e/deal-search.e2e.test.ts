import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  expectAccessible,
  openPage,
  registerOwner,
  startBrowserSession,
} from "./session";

let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;

async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url(`/api/v1${path}`), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect([200, 201], `${method} ${path}: ${text}`).toContain(response.status);
  return JSON.parse(text) as T;
}

const dealLink = (on: Page, title: string) => on.getByRole("link", { name: title, exact: true });
const searchBox = (on: Page, name = "Search deals") => on.getByRole("searchbox", { name });

/** Types into the search box as a person would and waits for the URL to carry the settled text. */
async function typeSearch(on: Page, text: string, name?: string) {
  await searchBox(on, name).fill("");
  await searchBox(on, name).pressSequentially(text, { delay: 20 });
  await on.waitForURL((address) => address.searchParams.get("q") === text.trim());
}

beforeAll(async () => {
  session = await startBrowserSession({ locale: "en-US" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Doces da Vila", name: "Helena Prado" })).token;

  const otavio = await rest<{ id: string }>("POST", "/contacts", { name: "Otávio Mendes" });
  const erica = await rest<{ id: string }>("POST", "/contacts", { name: "Érica Gonçalves" });
  const marcos = await rest<{ id: string }>("POST", "/contacts", {
    name: "Marcos Lima",
    companyName: "Açaí do Norte",
  });
  const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
    "GET",
    "/pipelines",
  );
  const sales = pipelines.items[0];
  const deal = (title: string, contactId: string, stage = 0) =>
    rest("POST", "/deals", {
      title,
      contactId,
      pipelineId: sales?.id,
      stage: sales?.stages[stage]?.id,
      value: { amount: "100.00", currency: "BRL" },
    });
  await deal("Padaria São João", otavio.id);
  await deal("Bolo de casamento", otavio.id, 1);
  await deal("Renovação anual", erica.id, 1);
  await deal("Site novo", marcos.id);
});

afterAll(async () => {
  await session?.close();
});

describe("searching the board", () => {
  it("narrows the columns and their totals as one types, and keeps the search in the URL", async () => {
    await page.goto(url("/deals"));
    await dealLink(page, "Bolo de casamento").waitFor();
    await page.getByText("4 open deals", { exact: true }).waitFor();

    await typeSearch(page, "sao joao");
    await dealLink(page, "Bolo de casamento").waitFor({ state: "detached" });
    await dealLink(page, "Padaria São João").waitFor();
    await page.getByText("1 open deal", { exact: true }).waitFor();
    expect(await dealLink(page, "Site novo").count()).toBe(0);

    // the contact's company and the contact's name, without their accents
    await typeSearch(page, "acai");
    await dealLink(page, "Site novo").waitFor();
    await dealLink(page, "Padaria São João").waitFor({ state: "detached" });
    await typeSearch(page, "ERICA");
    await dealLink(page, "Renovação anual").waitFor();
    expect(await dealLink(page, "Site novo").count()).toBe(0);
    await expectAccessible(page, "deal-search-01-board");

    await page.reload();
    expect(await searchBox(page).inputValue()).toBe("ERICA");
    await dealLink(page, "Renovação anual").waitFor();
    expect(await dealLink(page, "Padaria São João").count()).toBe(0);
  });

  it("says when no deal matches and clears the search in one click", async () => {
    await page.goto(url("/deals"));
    await dealLink(page, "Bolo de casamento").waitFor();
    await typeSearch(page, "croissant");
    await page.getByText("No deal matches “croissant”").waitFor();
    await page.getByRole("button", { name: "Clear search" }).click();
    await page.waitForURL((address) => !address.searchParams.has("q"));
    await dealLink(page, "Bolo de casamento").waitFor();
    expect(await searchBox(page).inputValue()).toBe("");
  });

  it("searches the list too, in Portuguese", async () => {
    const portuguese = await openPage(session.browser, "pt-BR");
    await portuguese.context.addCookies([{ name: "crm_session", value: token, url: session.api.baseUrl }]);
    try {
      const on = portuguese.page;
      await on.goto(url("/deals?view=list"));
      await dealLink(on, "Bolo de casamento").waitFor();
      await typeSearch(on, "padaria", "Buscar negócios");
      await dealLink(on, "Bolo de casamento").waitFor({ state: "detached" });
      await dealLink(on, "Padaria São João").waitFor();
      await typeSearch(on, "croissant", "Buscar negócios");
      await on.getByText("Nenhum negócio corresponde a “croissant”").waitFor();
    } finally {
      await portuguese.context.close();
    }
  });

  it("fits a phone: the search box inside the screen, nothing to scroll sideways", async () => {
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(url("/deals?q=padaria"));
      await dealLink(page, "Padaria São João").waitFor();
      const box = await searchBox(page).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await expectAccessible(page, "deal-search-02-phone");
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  });
});
