import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, drag, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
/** A second session of the same team, changing deals over REST as a colleague's screen would. */
let colleagueToken = "";
let contactId = "";
let pipelineId = "";
let stages: Array<{ id: string; name: string }> = [];
const password = "correct horse battery";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const asColleague = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, colleagueToken, method, path, body);
const stageName = (index: number) => stages[index]?.name ?? "";
const stageId = (index: number) => stages[index]?.id ?? "";
const column = (index: number) => page.getByRole("region", { name: stageName(index) });
const cardIn = (index: number, title: string) =>
  column(index).getByRole("listitem").filter({ hasText: title });

interface Deal {
  id: string;
  stage: string;
  status: string;
  value: { amount: string };
}

const createDeal = (title: string) =>
  asColleague<Deal>("POST", "/deals", {
    title,
    contactId,
    pipelineId,
    stage: stageId(0),
    value: { amount: "300.00", currency: "BRL" },
  });
const dealNow = (id: string) => asColleague<Deal>("GET", `/deals/${id}`);

/** Keeps the page on what it loaded: no realtime news of the colleague's change reaches it. */
const withoutRealtime = (on: Page) => on.routeWebSocket(/\/trpc-ws/, () => {});

beforeAll(async () => {
  session = await startBrowserSession({ locale: "en-US" });
  page = session.page;
  const email = `owner.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  // the browser's session: the owner at their desk
  await registerOwner(session, {
    organizationName: "Confeitaria Aurora",
    name: "Helena Prado",
    email,
    password,
  });
  const login = await fetch(url("/api/v1/auth/login"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  colleagueToken = ((await login.json()) as { token: string }).token;

  contactId = (await asColleague<{ id: string }>("POST", "/contacts", { name: "Otávio Mendes" })).id;
  const pipelines = await asColleague<{
    items: Array<{ id: string; stages: Array<{ id: string; name: string }> }>;
  }>("GET", "/pipelines");
  const sales = pipelines.items[0];
  pipelineId = sales?.id ?? "";
  stages = sales?.stages ?? [];
  expect(stages.length).toBeGreaterThanOrEqual(3);
});

afterAll(async () => {
  await session?.close();
});

describe("moving a deal someone else changed since the page loaded it", () => {
  it("puts the dragged card where the server has it, says why, and overwrites nothing", async () => {
    const title = "Torta de limão";
    const deal = await createDeal(title);
    await withoutRealtime(page);
    try {
      await page.goto(url("/deals"));
      await cardIn(0, title).waitFor();

      // the colleague moves it; this board still shows it in the first stage
      await asColleague("PATCH", `/deals/${deal.id}`, { stage: stageId(1) });
      await cardIn(0, title).waitFor();

      const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
      await drag(page, cardIn(0, title).getByText("Otávio Mendes"), column(2));
      expect((await answered).status()).toBe(412);

      await page
        .getByRole("alert")
        .getByText(`“${title}” was not moved to ${stageName(2)}: someone else changed this deal`, {
          exact: false,
        })
        .waitFor();
      await cardIn(1, title).waitFor();
      await expect.poll(() => cardIn(2, title).count()).toBe(0);
      await expect.poll(() => cardIn(0, title).count()).toBe(0);
      expect((await dealNow(deal.id)).stage).toBe(stageId(1));
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });

  it("moves a card again before its first move is answered without taking that move for someone else's", async () => {
    const title = "Bolo de rolo";
    const deal = await createDeal(title);
    await page.goto(url("/deals"));
    await cardIn(0, title).waitFor();

    // the first move's answer is held until the card has been dragged on again
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let requests = 0;
    await page.route(/\/trpc\/deals\.update/, async (route) => {
      requests += 1;
      if (requests === 1) await firstHeld;
      await route.continue();
    });
    const statuses: number[] = [];
    const recordStatus = (response: Response) => {
      if (response.url().includes("deals.update")) statuses.push(response.status());
    };
    page.on("response", recordStatus);
    try {
      await drag(page, cardIn(0, title).getByText("Otávio Mendes"), column(1));
      await cardIn(1, title).waitFor();
      await expect.poll(() => requests).toBe(1);
      await drag(page, cardIn(1, title).getByText("Otávio Mendes"), column(2));
      await cardIn(2, title).waitFor();
      releaseFirst();
      await expect.poll(() => statuses).toEqual([200, 200]);
      await cardIn(2, title).waitFor();
      expect((await dealNow(deal.id)).stage).toBe(stageId(2));
    } finally {
      releaseFirst();
      page.off("response", recordStatus);
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });

  it("refuses to win a deal on its page after someone else changed it, and shows their version", async () => {
    const title = "Doces para casamento";
    const deal = await createDeal(title);
    await withoutRealtime(page);
    try {
      await page.goto(url(`/deals/${deal.id}`));
      await page.getByRole("heading", { name: title, level: 1 }).waitFor();
      await page
        .getByText(/300\.00/)
        .first()
        .waitFor();

      await asColleague("PATCH", `/deals/${deal.id}`, { value: { amount: "450.00" } });
      const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
      await page.getByRole("button", { name: "Mark as won" }).click();
      expect((await answered).status()).toBe(412);

      await page
        .getByRole("alert")
        .getByText("Someone else changed this deal in the meantime, so nothing was changed.", {
          exact: false,
        })
        .waitFor();
      // the page reloaded the deal: the colleague's value is what it shows now
      await page
        .getByText(/450\.00/)
        .first()
        .waitFor();
      expect((await dealNow(deal.id)).status).toBe("open");
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });
});
