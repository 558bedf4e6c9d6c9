import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  expectAccessible,
  openPage,
  registerOwner,
  startBrowserSession,
} from "./session";

let smtp: SmtpSink;
let session: BrowserSession;
let page: Page;
let ownerToken = "";
let ownerId = "";
let agentId = "";
let eventsId = "";
const password = "correct horse battery";
const fillers = 26;

const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url(`/api/v1${path}`), {
    method,
    headers: {
      authorization: `Bearer ${ownerToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect([200, 201], `${method} ${path}: ${text}`).toContain(response.status);
  return JSON.parse(text) as T;
}

/** A teammate with `role` who accepted the invitation: their id and session token. */
async function invite(role: "agent" | "viewer", name: string): Promise<{ id: string; token: string }> {
  const email = unique(role);
  await rest("POST", "/users", { email, role });
  const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, name, password }),
  });
  expect(accepted.status).toBe(200);
  const signedIn = (await accepted.json()) as { token: string; user: { id: string } };
  return { id: signedIn.user.id, token: signedIn.token };
}

const dealsTable = (on: Page) => on.getByRole("table", { name: "Deals" });
const rowOf = (on: Page, title: string) =>
  dealsTable(on)
    .getByRole("row")
    .filter({ has: on.getByRole("link", { name: title, exact: true }) });
const titlesShown = async (on: Page) =>
  (await dealsTable(on).getByRole("link").allTextContents()).sort((a, b) => a.localeCompare(b));

async function choose(on: Page, filter: string, label: string, param: string, expected: string | null) {
  await on.getByRole("combobox", { name: filter }).selectOption({ label });
  await on.waitForURL((address) => address.searchParams.get(param) === expected);
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  session = await startBrowserSession({ env: { SMTP_URL: smtp.url }, locale: "en-US" });
  page = session.page;
  const signedIn = await registerOwner(session, {
    organizationName: "Torrefação Serra Azul",
    name: "Helena Prado",
  });
  ownerToken = signedIn.token;
  ownerId = signedIn.user.id;
  agentId = (await invite("agent", "Bruno Agent")).id;

  const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Otávio Mendes" });
  const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
    "GET",
    "/pipelines",
  );
  const sales = pipelines.items[0];
  const events = await rest<{ id: string; stages: Array<{ id: string }> }>("POST", "/pipelines", {
    name: "Eventos",
    stages: [{ name: "Orçamento" }, { name: "Fechado" }],
  });
  eventsId = events.id;
  const deal = (title: string, extra: Record<string, unknown> = {}, pipeline = sales) =>
    rest<{ id: string }>("POST", "/deals", {
      title,
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "100.00", currency: "BRL" },
      ...extra,
    });
  for (let index = 1; index <= fillers; index += 1) {
    await deal(`Lote ${String(index).padStart(2, "0")}`, index === 1 ? { assigneeId: agentId } : {});
  }
  const won = await deal("Café especial", { assigneeId: agentId, value: { amount: "1234.56" } });
  await rest("PATCH", `/deals/${won.id}`, { status: "won" });
  const lost = await deal("Chá verde", { value: { amount: "250.00" }, assigneeId: ownerId });
  await rest("PATCH", `/deals/${lost.id}`, {
    status: "lost",
    lostReason: "Escolheu um fornecedor mais barato",
  });
  await deal("Festa junina", { assigneeId: agentId, value: { amount: "500.00", currency: "USD" } }, events);
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe("the deals list", () => {
  it("is one click from the board and shows won and lost deals by status", async () => {
    await page.goto(url("/deals"));
    await page.getByRole("button", { name: "List" }).click();
    await page.waitForURL((address) => address.searchParams.get("view") === "list");
    await rowOf(page, "Lote 26").waitFor();

    await choose(page, "Status", "Won", "status", "won");
    await rowOf(page, "Chá verde").waitFor({ state: "detached" });
    expect(await titlesShown(page)).toEqual(["Café especial"]);
    await rowOf(page, "Café especial").getByText("R$1,234.56").waitFor();
    await rowOf(page, "Café especial").getByText("Bruno Agent").waitFor();

    await choose(page, "Status", "Lost", "status", "lost");
    await rowOf(page, "Chá verde").getByText("Escolheu um fornecedor mais barato").waitFor();
    expect(await titlesShown(page)).toEqual(["Chá verde"]);
    await expectAccessible(page, "deals-list-01-lost");
  });

  it("filters by pipeline and owner, shows per-currency totals, and keeps the filters after a reload", async () => {
    await page.goto(url("/deals?view=list"));
    await choose(page, "Pipeline", "Eventos", "pipeline", eventsId);
    // the first page holds the newest deals, not necessarily any named one: wait for the filtered list itself
    await expect.poll(() => titlesShown(page)).toEqual(["Festa junina"]);
    await rowOf(page, "Festa junina").getByText("$500.00").waitFor();

    await choose(page, "Status", "Open", "status", "open");
    await page.getByText("1 deal · $500.00").waitFor();

    await choose(page, "Pipeline", "All pipelines", "pipeline", null);
    await choose(page, "Status", "All statuses", "status", null);
    await choose(page, "Owner", "Bruno Agent", "owner", agentId);
    await expect.poll(() => titlesShown(page)).toEqual(["Café especial", "Festa junina", "Lote 01"]);

    await page.reload();
    // the select shows the owner once the team has loaded: it may still be empty right after the reload
    await expect.poll(() => page.getByRole("combobox", { name: "Owner" }).inputValue()).toBe(agentId);
    await rowOf(page, "Festa junina").waitFor();
    expect(await titlesShown(page)).toEqual(["Café especial", "Festa junina", "Lote 01"]);

    await choose(page, "Owner", "Me", "owner", "me");
    await expect.poll(() => titlesShown(page)).toEqual(["Chá verde"]);

    await choose(page, "Owner", "Unassigned", "owner", "none");
    await rowOf(page, "Lote 02").waitFor();
    for (const owned of ["Lote 01", "Chá verde", "Café especial", "Festa junina"]) {
      expect(await rowOf(page, owned).count(), owned).toBe(0);
    }
  });

  it("loads more deals past the first page", async () => {
    await page.goto(url("/deals?view=list"));
    await rowOf(page, "Festa junina").waitFor();
    expect(await dealsTable(page).getByRole("link").count()).toBe(25);
    await page.getByRole("button", { name: "Load more" }).click();
    await rowOf(page, "Lote 01").waitFor();
    expect(await dealsTable(page).getByRole("link").count()).toBe(fillers + 3);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
  });

  it("shows cards on a phone, with nothing to scroll sideways", async () => {
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(url("/deals?view=list&status=lost"));
      const cards = page.getByRole("list", { name: "Deals" });
      const link = cards.getByRole("link", { name: "Chá verde" });
      await link.waitFor();
      await cards.getByText("Escolheu um fornecedor mais barato").waitFor();
      expect(await dealsTable(page).isVisible()).toBe(false);
      const box = await link.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await expectAccessible(page, "deals-list-02-phone");
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  });
});

describe("the board's owner filter", () => {
  it("shows only the chosen owner's open deals and keeps the choice in the URL", async () => {
    await page.goto(url("/deals"));
    await page.getByRole("link", { name: "Lote 02" }).waitFor();
    await choose(page, "Owner", "Bruno Agent", "owner", agentId);
    await page.getByRole("link", { name: "Lote 02" }).waitFor({ state: "detached" });
    await page.getByRole("link", { name: "Lote 01" }).waitFor();
    // won deals stay off the board
    expect(await page.getByRole("link", { name: "Café especial" }).count()).toBe(0);
    await page.reload();
    await page.getByRole("link", { name: "Lote 01" }).waitFor();
    expect(await page.getByRole("link", { name: "Lote 02" }).count()).toBe(0);
  });
});

describe("a viewer", () => {
  let viewer: { context: BrowserContext; page: Page };

  it("reads the list with its filters and finds no action in it", async () => {
    const { token } = await invite("viewer", "Vera Viewer");
    viewer = await openPage(session.browser);
    await viewer.context.addCookies([{ name: "crm_session", value: token, url: session.api.baseUrl }]);
    try {
      await viewer.page.goto(url("/deals?view=list&status=won"));
      await rowOf(viewer.page, "Café especial").waitFor();
      expect(await viewer.page.getByRole("button", { name: "New deal" }).count()).toBe(0);
      expect(await dealsTable(viewer.page).getByRole("button").count()).toBe(0);
    } finally {
      await viewer.context.close();
    }
  });
});
