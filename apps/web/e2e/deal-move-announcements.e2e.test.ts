import type { Page } from "playwright-core";
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
const createDeal = (title: string) =>
  asColleague<{ id: string }>("POST", "/deals", {
    title,
    contactId,
    pipelineId,
    stage: stageId(0),
    value: { amount: "300.00", currency: "BRL" },
  });

/** The board's live region, and dnd-kit's own, which the board leaves silent. */
const announcer = () => page.locator("[data-board-announcer]");
const dndKitRegion = () => page.locator('[id^="DndLiveRegion"]');
const refusal = (title: string, to: string) =>
  `“${title}” não foi movido para ${to}: outra pessoa alterou este negócio nesse meio-tempo. O quadro agora mostra o negócio como ela o deixou; mova de novo se ainda precisar.`;

/** The live region holds the latest sentence only: keep each one it says. */
async function listen(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector("[data-board-announcer]");
    if (!region) throw new Error("no board live region");
    const heard: string[] = [];
    Object.assign(window, { heard });
    new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
}

/** The board keeps what it loaded: no realtime news of the colleague's change reaches it. */
async function openBoardBehindColleague(title: string): Promise<void> {
  const deal = await createDeal(title);
  await page.routeWebSocket(/\/trpc-ws/, () => {});
  await page.goto(url("/deals"));
  await cardIn(0, title).waitFor();
  await asColleague("PATCH", `/deals/${deal.id}`, { stage: stageId(1) });
}

async function moveWithMenu(title: string, to: number): Promise<void> {
  const actions = cardIn(0, title).getByRole("button", { name: `Ações de ${title}` });
  await actions.focus();
  await page.keyboard.press("Enter");
  const item = page.getByRole("menuitem", { name: stageName(to) });
  await item.focus();
  await page.keyboard.press("Enter");
}

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
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

describe("what the deals board tells a screen reader about a move", () => {
  it("says a dragged card is being moved, then that it was moved, once the server has moved it", async () => {
    const title = "Bolo de rolo";
    await createDeal(title);
    await page.goto(url("/deals"));
    await cardIn(0, title).waitFor();
    const heard = await listen();

    const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
    await drag(page, cardIn(0, title).getByText("Otávio Mendes"), column(1));
    expect((await answered).status()).toBe(200);

    await expect.poll(() => announcer().textContent()).toBe(`“${title}” movido para ${stageName(1)}`);
    const said = await heard();
    expect(said[0]).toBe(`Você pegou “${title}” da etapa ${stageName(0)}.`);
    expect(said).toContain(`“${title}” está sobre a etapa ${stageName(1)}.`);
    expect(said.slice(-2)).toEqual([
      `Movendo “${title}” para ${stageName(1)}…`,
      `“${title}” movido para ${stageName(1)}`,
    ]);
    expect(await dndKitRegion().textContent()).toBe("");
  });

  it("ends a refused drag on the refusal, never on a drop that did not happen", async () => {
    const title = "Kit de boas-vindas";
    try {
      await openBoardBehindColleague(title);
      const heard = await listen();

      const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
      await drag(page, cardIn(0, title).getByText("Otávio Mendes"), column(2));
      expect((await answered).status()).toBe(412);

      await expect.poll(() => announcer().textContent()).toBe(refusal(title, stageName(2)));
      const said = await heard();
      expect(said.slice(-2)).toEqual([
        `Movendo “${title}” para ${stageName(2)}…`,
        refusal(title, stageName(2)),
      ]);
      expect(said.filter((text) => text.includes("movido para") && !text.includes("não foi"))).toEqual([]);
      expect(await dndKitRegion().textContent()).toBe("");
      // the alert says the same as the live region
      expect(await page.getByRole("alert").textContent()).toContain(refusal(title, stageName(2)));
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });

  it("says the same for a move made with the card's menu from the keyboard, refused or not", async () => {
    const refused = "Torta de limão";
    try {
      await openBoardBehindColleague(refused);
      const heard = await listen();
      await moveWithMenu(refused, 2);
      await expect.poll(() => announcer().textContent()).toBe(refusal(refused, stageName(2)));
      expect((await heard()).slice(-2)).toEqual([
        `Movendo “${refused}” para ${stageName(2)}…`,
        refusal(refused, stageName(2)),
      ]);
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }

    const moved = "Doces para casamento";
    await createDeal(moved);
    await page.goto(url("/deals"));
    await cardIn(0, moved).waitFor();
    await moveWithMenu(moved, 2);
    await expect.poll(() => announcer().textContent()).toBe(`“${moved}” movido para ${stageName(2)}`);
    await cardIn(2, moved).waitFor();
  });
});
