import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";
let contactId = "";
let pipelineId = "";
let stages: Array<{ id: string; name: string }> = [];

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);
const stageName = (index: number) => stages[index]?.name ?? "";
const stageId = (index: number) => stages[index]?.id ?? "";
const column = (index: number) => page.getByRole("region", { name: stageName(index) });
const dealLink = (title: string) => page.getByRole("link", { name: title, exact: true });
const refreshFailed = () => page.getByRole("status").filter({ hasText: "Could not refresh" });

const createDeal = (title: string, stage = 0) =>
  rest<{ id: string }>("POST", "/deals", {
    title,
    contactId,
    pipelineId,
    stage: stageId(stage),
    value: { amount: "120.00", currency: "BRL" },
  });

/**
 * Refuses the page's HTTP reads of the named procedures (the realtime socket stays up, so the page hears of
 * changes and tries to refresh); `undo` lets them through again.
 */
async function failReadsOf(procedures: readonly string[]) {
  const failing = (route: Route) => {
    const names = new URL(route.request().url()).pathname.slice("/trpc/".length).split(",");
    return names.some((name) => procedures.includes(name));
  };
  const handler = (route: Route) => (failing(route) ? route.abort("connectionrefused") : route.fallback());
  await page.route("**/trpc/**", handler);
  return { undo: () => page.unroute("**/trpc/**", handler) };
}

beforeAll(async () => {
  session = await startBrowserSession({ locale: "en-US" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Empório Serrano", name: "Helena Prado" })).token;
  contactId = (await rest<{ id: string }>("POST", "/contacts", { name: "Otávio Mendes" })).id;
  const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string; name: string }> }> }>(
    "GET",
    "/pipelines",
  );
  pipelineId = pipelines.items[0]?.id ?? "";
  stages = pipelines.items[0]?.stages ?? [];
});

afterAll(async () => {
  await session?.close();
});

describe("a deals page whose refresh fails", () => {
  it("keeps the board shown, says the refresh failed and refreshes again on request", async () => {
    const shown = await createDeal("Queijo canastra");
    await page.goto(url("/deals"));
    await column(0).getByRole("link", { name: "Queijo canastra" }).waitFor();

    const outage = await failReadsOf(["pipelines.board", "pipelines.list"]);
    try {
      // a colleague's move reaches the page, whose refresh of the board then fails
      await rest("PATCH", `/deals/${shown.id}`, { stage: stageId(1) });
      await refreshFailed().waitFor({ timeout: 30_000 });
      await column(0).getByRole("link", { name: "Queijo canastra" }).waitFor();
      await page.getByText("1 open deal", { exact: true }).waitFor();
    } finally {
      await outage.undo();
    }
    await refreshFailed().getByRole("button", { name: "Try again" }).click();
    await column(1).getByRole("link", { name: "Queijo canastra" }).waitFor();
    await refreshFailed().waitFor({ state: "detached" });
  });

  it("still says a first load of the board failed, with a way to try again", async () => {
    const outage = await failReadsOf(["pipelines.board"]);
    try {
      await page.goto(url("/deals"));
      await page.getByRole("alert").waitFor({ timeout: 30_000 });
      expect(await column(0).count()).toBe(0);
    } finally {
      await outage.undo();
    }
    await page.getByRole("button", { name: "Try again" }).click();
    await column(0).waitFor();
  });

  it("keeps the deals list shown when its refresh fails", async () => {
    const listed = await createDeal("Doce de leite");
    await page.goto(url("/deals?view=list"));
    await dealLink("Doce de leite").waitFor();

    const outage = await failReadsOf(["deals.list", "pipelines.list"]);
    try {
      await rest("PATCH", `/deals/${listed.id}`, { title: "Doce de leite viçosa" });
      await refreshFailed().waitFor({ timeout: 30_000 });
      await dealLink("Doce de leite").waitFor();
    } finally {
      await outage.undo();
    }
    await refreshFailed().getByRole("button", { name: "Try again" }).click();
    await dealLink("Doce de leite viçosa").waitFor();
  });

  it("keeps a deal's page and its activities shown when their refresh fails", async () => {
    const deal = await createDeal("Café torrado");
    await rest("POST", `/deals/${deal.id}/activities`, { type: "note", content: "Cliente pediu amostras" });
    await page.goto(url(`/deals/${deal.id}`));
    await page.getByRole("heading", { name: "Café torrado", level: 1 }).waitFor();
    const activities = page.getByRole("list", { name: "Activity" });
    await activities.getByText("Cliente pediu amostras").waitFor();

    const outage = await failReadsOf(["deals.get", "deals.activities", "pipelines.get"]);
    try {
      await rest("PATCH", `/deals/${deal.id}`, { title: "Café torrado especial" });
      await expect.poll(() => refreshFailed().count(), { timeout: 30_000 }).toBe(2);
      await page.getByRole("heading", { name: "Café torrado", level: 1 }).waitFor();
      await activities.getByText("Cliente pediu amostras").waitFor();
    } finally {
      await outage.undo();
    }
    // one notice for the deal, one for its activities
    await refreshFailed().first().getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => refreshFailed().count()).toBe(1);
    await refreshFailed().getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => refreshFailed().count()).toBe(0);
    await page.getByRole("heading", { name: "Café torrado especial", level: 1 }).waitFor();
  });
});
