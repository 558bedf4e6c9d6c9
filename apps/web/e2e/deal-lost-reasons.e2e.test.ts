import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";

interface LostReason {
  id: string;
  name: string;
  archived: boolean;
}

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

const reasons = async () => (await rest<{ items: LostReason[] }>("GET", "/lost-reasons")).items;

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Gráfica Aurora", name: "Paulo Teixeira" }))
    .token;
});

afterAll(async () => {
  await session?.close();
});

describe("predefined lost reasons", () => {
  it("an owner archives a reason in settings, loses a deal picking another reason with a note, and lists it by reason", async () => {
    await page.goto(url("/settings/pipelines"));
    const list = page.getByRole("list", { name: "Motivos de perda em uso" });
    await list.getByText("Momento errado", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Arquivar Momento errado", exact: true }).click();
    await page
      .getByRole("list", { name: "Arquivados" })
      .getByText("Momento errado", { exact: true })
      .waitFor();
    await expect
      .poll(async () => (await reasons()).find((r) => r.name === "Momento errado")?.archived)
      .toBe(true);

    const [pipeline] = (
      await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>("GET", "/pipelines")
    ).items;
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Helena Castro" });
    const deal = await rest<{ id: string }>("POST", "/deals", {
      title: "Cartões de visita",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "850.00" },
    });

    await page.goto(url(`/deals/${deal.id}`));
    await page.getByRole("heading", { name: "Cartões de visita" }).waitFor();
    await page.getByRole("button", { name: "Marcar como perdido", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Marcar negócio como perdido" });
    const select = dialog.getByRole("combobox", { name: "Motivo da perda" });
    await select.waitFor();
    const offered = await select.getByRole("option").allTextContents();
    expect(offered).toEqual([
      "Selecione um motivo",
      "Preço",
      "Escolheu um concorrente",
      "Sem resposta",
      "Sem orçamento",
      "Outro (descreva abaixo)",
    ]);

    // nothing picked: the dialog says what is missing and sends nothing
    await dialog.getByRole("button", { name: "Marcar como perdido", exact: true }).click();
    await dialog.getByText("Selecione um motivo, ou escolha Outro e descreva.").waitFor();

    await select.selectOption({ label: "Preço" });
    await dialog.getByLabel("Observação (opcional)").fill("Pediu 20% de desconto");
    // the pointer left on the confirm button would show its hover colour, lighter than the button at rest
    await page.mouse.move(0, 0);
    await expectAccessible(page, "deal-lost-reason-dialog");
    await dialog.getByRole("button", { name: "Marcar como perdido", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    const price = (await reasons()).find((r) => r.name === "Preço");
    const saved = await rest<{ status: string; lostReason: string; lostReasonId: string }>(
      "GET",
      `/deals/${deal.id}`,
    );
    expect(saved).toMatchObject({
      status: "lost",
      lostReason: "Pediu 20% de desconto",
      lostReasonId: price?.id,
    });
    await page.getByText("Preço: Pediu 20% de desconto", { exact: true }).waitFor();

    const summary = await rest<{ items: Array<{ name: string | null; count: number }> }>(
      "GET",
      "/lost-reasons/summary",
    );
    expect(summary.items.find((item) => item.name === "Preço")?.count).toBe(1);

    // the deals list, narrowed to lost deals and then to one reason, the filter kept in the URL
    const other = await rest<{ id: string }>("POST", "/deals", {
      title: "Banner de loja",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "300.00" },
    });
    await rest("PATCH", `/deals/${other.id}`, { status: "lost", lostReason: "Desistiu do banner" });
    await page.goto(url("/deals?view=list"));
    const table = page.getByRole("table", { name: "Negócios" });
    await page.getByRole("combobox", { name: "Situação" }).selectOption({ label: "Perdido" });
    await table.getByRole("link", { name: "Banner de loja" }).waitFor();
    await page.getByRole("combobox", { name: "Motivo da perda" }).selectOption({ label: "Preço" });
    await page.waitForURL((address) => address.searchParams.get("lostReason") === price?.id);
    await table.getByRole("link", { name: "Banner de loja" }).waitFor({ state: "detached" });
    expect(await table.getByRole("link").allTextContents()).toEqual(["Cartões de visita"]);
  });

  it("a dialog opened before the reasons arrived waits for them, then starts on the list", async () => {
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Otávio Lima" });
    const [pipeline] = (
      await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>("GET", "/pipelines")
    ).items;
    const deal = await rest<{ id: string }>("POST", "/deals", {
      title: "Adesivos",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "90.00" },
    });
    // the reasons are held back until the dialog is open, as on a slow connection
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(
      (address) => address.pathname.includes("lostReasons.list"),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    try {
      await page.goto(url(`/deals/${deal.id}`));
      await page.getByRole("heading", { name: "Adesivos" }).waitFor();
      await page.getByRole("button", { name: "Marcar como perdido", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Marcar negócio como perdido" });
      await dialog.getByRole("status").waitFor();
      // no field yet that a reason could be typed into and then turn into a note
      expect(await dialog.getByRole("textbox").count()).toBe(0);
      release();
      const select = dialog.getByRole("combobox", { name: "Motivo da perda" });
      await expect.poll(() => select.evaluate((element) => element === document.activeElement)).toBe(true);
    } finally {
      release();
      await page.unroute((address) => address.pathname.includes("lostReasons.list"));
    }
  });

  it("reasons that failed to load are said with a retry, not swapped for a written reason; the retry offers the list", async () => {
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Renata Prado" });
    const [pipeline] = (
      await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>("GET", "/pipelines")
    ).items;
    const deal = await rest<{ id: string; updatedAt: string }>("POST", "/deals", {
      title: "Panfletos",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "120.00" },
    });
    const listsReasons = (address: URL) => address.pathname.includes("lostReasons.list");
    // the server fails the reasons (only them: the batch's other answers go through) until let through
    let failing = true;
    let failed = 0;
    await page.route(listsReasons, async (route) => {
      if (!failing) return route.continue();
      const procedures = new URL(route.request().url()).pathname.split("/trpc/")[1]?.split(",") ?? [];
      const response = await route.fetch();
      const answers = (await response.json()) as unknown[];
      const patched = answers.map((answer, index) =>
        procedures[index] === "lostReasons.list"
          ? {
              error: {
                message: "Internal server error",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
              },
            }
          : answer,
      );
      failed += 1;
      await route.fulfill({ status: procedures.length === 1 ? 500 : 207, json: patched });
    });
    try {
      await page.goto(url(`/deals/${deal.id}`));
      await page.getByRole("heading", { name: "Panfletos" }).waitFor();
      await page.getByRole("button", { name: "Marcar como perdido", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Marcar negócio como perdido" });
      await dialog
        .getByRole("alert")
        .getByText("Não foi possível carregar os motivos de perda da organização", { exact: false })
        .waitFor();
      expect(failed).toBeGreaterThan(0);
      const retry = dialog.getByRole("button", { name: "Tentar novamente", exact: true });
      await retry.waitFor();
      // no written reason to fall back on, and nothing to confirm
      expect(await dialog.getByRole("textbox").count()).toBe(0);
      expect(await dialog.getByRole("combobox").count()).toBe(0);
      expect(
        await dialog.getByRole("button", { name: "Marcar como perdido", exact: true }).isDisabled(),
      ).toBe(true);
      await page.mouse.move(0, 0);
      await expectAccessible(page, "deal-lost-reasons-failed");

      failing = false;
      await retry.click();
      const select = dialog.getByRole("combobox", { name: "Motivo da perda" });
      await expect.poll(() => select.evaluate((element) => element === document.activeElement)).toBe(true);
      await select.selectOption({ label: "Sem orçamento" });
      await dialog.getByRole("button", { name: "Marcar como perdido", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
    } finally {
      failing = false;
      await page.unroute(listsReasons);
    }

    const noBudget = (await reasons()).find((r) => r.name === "Sem orçamento");
    expect(noBudget).toBeDefined();
    const saved = await rest<{ status: string; lostReason: string; lostReasonId: string }>(
      "GET",
      `/deals/${deal.id}`,
    );
    expect(saved).toMatchObject({ status: "lost", lostReason: "Sem orçamento", lostReasonId: noBudget?.id });
  });
});
