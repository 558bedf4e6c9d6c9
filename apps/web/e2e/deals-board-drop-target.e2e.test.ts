import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

// QA's drags on the board, with a real mouse: the deal lands in the column under the pointer.

let session: BrowserSession;
let page: Page;
let token = "";
let contactId = "";
let pipelineId = "";
let stages: Array<{ id: string; name: string }> = [];
/** Every deals.update the page sent, in order: a drop that moves nothing sends none. */
const updates: string[] = [];

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);
const stageName = (index: number) => stages[index]?.name ?? "";
const stageId = (index: number) => stages[index]?.id ?? "";
const column = (index: number) => page.getByRole("region", { name: stageName(index) });
const cardIn = (index: number, title: string) =>
  column(index).getByRole("listitem").filter({ hasText: title });
const announcer = () => page.locator("[data-board-announcer]");

const createDeal = (title: string, stage: number) =>
  rest<{ id: string }>("POST", "/deals", {
    title,
    contactId,
    pipelineId,
    stage: stageId(stage),
    value: { amount: "300.00", currency: "BRL" },
  });
const stageOf = async (id: string) => (await rest<{ stage: string }>("GET", `/deals/${id}`)).stage;

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error("not on screen");
  return found;
}

/** Presses on `grab`, moves as a hand does (many small steps) to (x, y) and lets go there. */
async function dragTo(grab: Locator, x: number, y: number): Promise<void> {
  const from = await box(grab);
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 4, start.y + 4, { steps: 4 });
  await page.mouse.move(x, y, { steps: 25 });
  await page.mouse.up();
}

/** The board at the top of the window, so every column shows down to its bottom. */
async function openBoard(): Promise<void> {
  await page.goto(url("/deals"));
  await column(0).waitFor();
  await page
    .locator("[data-stage-id]")
    .first()
    .evaluate((element) => element.scrollIntoView());
}

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  page.on("request", (request) => {
    if (request.url().includes("deals.update")) updates.push(request.postData() ?? "");
  });
  token = (await registerOwner(session, { organizationName: "Oficina Ponte Nova", name: "Rui Barros" }))
    .token;
  contactId = (await rest<{ id: string }>("POST", "/contacts", { name: "Sônia Reis" })).id;
  const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string; name: string }> }> }>(
    "GET",
    "/pipelines",
  );
  pipelineId = pipelines.items[0]?.id ?? "";
  stages = pipelines.items[0]?.stages ?? [];
  expect(stages.length).toBeGreaterThanOrEqual(3);
});

afterAll(async () => {
  await session?.close();
});

describe("where a dragged deal lands on the board", () => {
  it("lands in the short column the pointer is over, even in the empty space below its last card", async () => {
    const whatsapp = await createDeal("Primeiro contato pelo WhatsApp", 0);
    const pix = await createDeal("Compra à vista via Pix", 0);
    await createDeal("Revisão da frota", 1);
    for (const n of [1, 2, 3, 4]) await createDeal(`Proposta de manutenção ${n}`, 2);
    await openBoard();

    // 120 px under the only card of the column, where QA's deal went to the next column
    const onlyCard = await box(cardIn(1, "Revisão da frota"));
    const target = await box(column(1));
    const low = { x: target.x + target.width / 2, y: onlyCard.y + onlyCard.height + 120 };
    expect(low.y).toBeLessThan(target.y + target.height);
    let answered = page.waitForResponse((response) => response.url().includes("deals.update"));
    await dragTo(cardIn(0, "Primeiro contato pelo WhatsApp").getByText("Sônia Reis"), low.x, low.y);
    expect((await answered).status()).toBe(200);
    await expect
      .poll(() => announcer().textContent())
      .toBe(`“Primeiro contato pelo WhatsApp” movido para ${stageName(1)}`);
    expect(await stageOf(whatsapp.id)).toBe(stageId(1));

    // 300 px under the column's header
    const header = await box(column(1).locator("header"));
    const lower = { x: header.x + header.width / 2, y: header.y + header.height + 300 };
    const stretched = await box(column(1));
    expect(lower.y).toBeLessThan(stretched.y + stretched.height);
    answered = page.waitForResponse((response) => response.url().includes("deals.update"));
    await dragTo(cardIn(0, "Compra à vista via Pix").getByText("Sônia Reis"), lower.x, lower.y);
    expect((await answered).status()).toBe(200);
    await expect
      .poll(() => announcer().textContent())
      .toBe(`“Compra à vista via Pix” movido para ${stageName(1)}`);
    expect(await stageOf(pix.id)).toBe(stageId(1));
    await cardIn(1, "Compra à vista via Pix").waitFor();
  });

  it("moves nothing when a card is nudged inside its own column, by its title or to the column's edge", async () => {
    const nudged = await createDeal("Troca de óleo", 1);
    await openBoard();
    const sent = updates.length;
    const link = cardIn(1, "Troca de óleo").getByRole("link", { name: "Troca de óleo" });
    const from = await box(link);
    await dragTo(link, from.x + from.width / 2 + 6, from.y + from.height / 2 + 20);

    await expect
      .poll(() => announcer().textContent())
      .toBe(`Movimento cancelado: “Troca de óleo” continua em ${stageName(1)}.`);
    // a drag is not a click: the board stays open
    expect(new URL(page.url()).pathname).toBe("/deals");
    await cardIn(1, "Troca de óleo").waitFor();
    expect(await cardIn(0, "Troca de óleo").count()).toBe(0);

    // grabbed near its right edge and pulled to the column's left edge: the card hangs over the previous
    // column, the pointer never leaves its own
    const card = await box(cardIn(1, "Troca de óleo"));
    const own = await box(column(1));
    const grab = { x: card.x + card.width - 12, y: card.y + card.height / 2 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x - 4, grab.y, { steps: 4 });
    await page.mouse.move(own.x + 10, grab.y + 10, { steps: 25 });
    await page.mouse.up();
    await expect
      .poll(() => announcer().textContent())
      .toBe(`Movimento cancelado: “Troca de óleo” continua em ${stageName(1)}.`);
    await cardIn(1, "Troca de óleo").waitFor();

    // a real move afterwards is the next update the page sends: the nudges sent none
    const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
    const proposal = await box(column(2));
    await dragTo(
      cardIn(1, "Revisão da frota").getByText("Sônia Reis"),
      proposal.x + proposal.width / 2,
      proposal.y + 150,
    );
    expect((await answered).status()).toBe(200);
    expect(updates.length).toBe(sent + 1);
    expect(updates.at(-1)).not.toContain(nudged.id);
    expect(await stageOf(nudged.id)).toBe(stageId(1));
  });

  it("still moves a deal dropped on another column's cards, and writes the move in its history", async () => {
    const deal = await createDeal("Alinhamento e balanceamento", 0);
    await openBoard();
    const target = await box(cardIn(2, "Proposta de manutenção 2"));
    const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
    await dragTo(
      cardIn(0, "Alinhamento e balanceamento").getByText("Sônia Reis"),
      target.x + target.width / 2,
      target.y + target.height / 2,
    );
    expect((await answered).status()).toBe(200);
    await expect
      .poll(() => announcer().textContent())
      .toBe(`“Alinhamento e balanceamento” movido para ${stageName(2)}`);
    await cardIn(2, "Alinhamento e balanceamento").waitFor();
    expect(await stageOf(deal.id)).toBe(stageId(2));
    const history = await rest<{ items: Array<{ type: string }> }>("GET", `/deals/${deal.id}/activities`);
    expect(history.items.filter((activity) => activity.type === "stage_changed")).toHaveLength(1);
  });

  it("keeps the card menu's Mover para… working from the keyboard", async () => {
    const deal = await createDeal("Revisão dos freios", 0);
    await openBoard();
    const actions = cardIn(0, "Revisão dos freios").getByRole("button", {
      name: "Ações de Revisão dos freios",
    });
    await actions.focus();
    await page.keyboard.press("Enter");
    const item = page.getByRole("menuitem", { name: stageName(1) });
    await item.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => announcer().textContent())
      .toBe(`“Revisão dos freios” movido para ${stageName(1)}`);
    expect(await stageOf(deal.id)).toBe(stageId(1));
  });
});
