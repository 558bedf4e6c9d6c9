import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";
let ownerId = "";
let contactId = "";
let pipelineId = "";
let stageId = "";

const hour = 60 * 60 * 1000;
const at = (fromNow: number) => new Date(Date.now() + fromNow).toISOString();
const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);
const group = (name: string) => page.getByRole("region", { name, exact: true });

/** A zone whose clock reads about noon now, so "today" reaches hours either way of the test. */
function noonZone(): string {
  const offset = new Date().getUTCHours() - 12;
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "+" : "-"}${Math.abs(offset)}`;
}

const createDeal = async (title: string, assigneeId: string | null) =>
  (
    await rest<{ id: string }>("POST", "/deals", {
      title,
      contactId,
      pipelineId,
      stage: stageId,
      assigneeId,
      value: { amount: "500.00", currency: "BRL" },
    })
  ).id;

const addActivity = (dealId: string, type: string, content: string, dueAt: string) =>
  rest("POST", `/deals/${dealId}/activities`, { type, content, dueAt });

let lostDealId = "";

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  const owner = await registerOwner(session, { organizationName: "Padaria Aurora", name: "Rita Campos" });
  token = owner.token;
  ownerId = owner.user.id;
  await rest("PATCH", "/organizations/current", { timezone: noonZone() });
  contactId = (await rest<{ id: string }>("POST", "/contacts", { name: "Bruno Teixeira" })).id;
  const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
    "GET",
    "/pipelines",
  );
  pipelineId = pipelines.items[0]?.id ?? "";
  stageId = pipelines.items[0]?.stages[0]?.id ?? "";

  const mine = await createDeal("Pães para o hotel", ownerId);
  const nobodys = await createDeal("Bolo de casamento", null);
  lostDealId = await createDeal("Café da manhã corporativo", ownerId);
  await addActivity(mine, "task", "Ligar para confirmar o pedido", at(-2 * hour));
  await addActivity(mine, "call", "Retornar sobre o orçamento", at(hour));
  await addActivity(mine, "meeting", "Degustação com o chef", at(3 * 24 * hour));
  for (let index = 1; index <= 26; index++) {
    await addActivity(mine, "task", `Entrega ${String(index).padStart(2, "0")}`, at((4 + index) * 24 * hour));
  }
  await addActivity(nobodys, "task", "Enviar o catálogo", at(-3 * hour));
  await addActivity(lostDealId, "task", "Cobrar resposta", at(-4 * hour));
  await rest("PATCH", `/deals/${lostDealId}`, { status: "lost", lostReason: "Fechou com outro fornecedor" });
});

afterAll(async () => {
  await session?.close();
});

describe("the activities page", () => {
  it("marks the board's cards whose task is overdue", async () => {
    await page.goto(url("/deals"));
    const card = page.getByRole("article").filter({ hasText: "Pães para o hotel" });
    await card.getByText("Atividade atrasada").waitFor();
    await page
      .getByRole("article")
      .filter({ hasText: "Bolo de casamento" })
      .getByText("Atividade atrasada")
      .waitFor();
  });

  it("lists my due activities grouped overdue, today and upcoming, from the nav", async () => {
    await page.getByRole("link", { name: "Atividades" }).first().click();
    await page.getByRole("heading", { name: "Atividades", level: 1 }).waitFor();
    const overdue = group("Atrasadas");
    await overdue.getByText("Ligar para confirmar o pedido").waitFor();
    // a task left on a lost deal is listed, flagged by its deal, and not called late
    const leftover = overdue.getByRole("listitem").filter({ hasText: "Cobrar resposta" });
    await leftover.getByText("Perdido").waitFor();
    expect(await leftover.getByText(/Atrasada desde/).count()).toBe(0);
    // someone else's (nobody's) deal is not mine
    expect(await page.getByText("Enviar o catálogo").count()).toBe(0);
    await group("Hoje").getByText("Retornar sobre o orçamento").waitFor();
    const upcoming = group("Próximas");
    await upcoming.getByText("Degustação com o chef").waitFor();
    expect(await upcoming.getByRole("listitem").count()).toBe(25);
    await expectAccessible(page, "activities-agenda");
    await upcoming.getByRole("button", { name: "Carregar mais" }).click();
    await upcoming.getByText("Entrega 26").waitFor();
    expect(await upcoming.getByRole("listitem").count()).toBe(27);
    await overdue.getByRole("link", { name: "Negócio: Pães para o hotel" }).first().waitFor();
  });

  it("filters by owner and type", async () => {
    await page.getByRole("combobox", { name: "De quem" }).selectOption("all");
    await group("Atrasadas").getByText("Enviar o catálogo").waitFor();
    await page.getByRole("combobox", { name: "Tipo" }).selectOption("call");
    await group("Hoje").getByText("Retornar sobre o orçamento").waitFor();
    await group("Atrasadas").getByText("Nada atrasado.").waitFor();
    await group("Próximas").getByText("Nada agendado depois de hoje.").waitFor();
    await page.getByRole("combobox", { name: "Tipo" }).selectOption("");
    await page.getByRole("combobox", { name: "De quem" }).selectOption("");
  });

  it("ticks an activity off, which leaves the list and is done for the API too", async () => {
    const overdue = group("Atrasadas");
    await overdue.getByRole("checkbox", { name: "Concluída: Ligar para confirmar o pedido" }).check();
    await overdue.getByText("Ligar para confirmar o pedido").waitFor({ state: "detached" });
    const activities = await rest<{ items: Array<{ content: string; done: boolean }> }>(
      "GET",
      "/activities?due=overdue&done=false&owner=me",
    );
    expect(activities.items.map((item) => item.content)).toEqual(["Cobrar resposta"]);
  });

  it("does not call the open task of a lost deal late on the deal's page", async () => {
    await page.goto(url(`/deals/${lostDealId}`));
    await page.getByText("Cobrar resposta").waitFor();
    await page
      .getByText(/^Prazo /)
      .first()
      .waitFor();
    expect(await page.getByText(/Atrasada desde/).count()).toBe(0);
  });
});
