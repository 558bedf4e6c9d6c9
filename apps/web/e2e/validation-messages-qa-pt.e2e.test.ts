import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

// what a Brazilian team's QA pass found in the deals context: zod's English and stage-only moves
let session: BrowserSession;
let page: Page;
let token = "";

interface Pipeline {
  id: string;
  name: string;
  stages: Array<{ id: string; name: string }>;
}

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);
/** zod's default English, as it read before the API gave reasons the web app words. */
const zodEnglish = /Too big|Too small|expected string|characters|Invalid/;

beforeAll(async () => {
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Ótica Horizonte", name: "Lúcia Prado" })).token;
});

afterAll(async () => {
  await session?.close();
});

async function openNewPipeline() {
  await page.goto(url("/settings/pipelines"));
  await page.getByRole("button", { name: "Novo funil" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Novo funil" });
  await dialog.getByLabel("Nome do funil").waitFor();
  return dialog;
}

describe("the Novo funil dialog refused by the server", () => {
  it("says a stage name that is too long in Portuguese, not in zod's English", async () => {
    const dialog = await openNewPipeline();
    await dialog.getByLabel("Nome do funil").fill("Pós-venda");
    await dialog.getByLabel("Etapas").fill(`Onboarding\n${"Etapa comprida ".repeat(20)}`);
    await dialog.getByRole("button", { name: "Criar funil" }).click();
    await dialog.getByText("Este texto é longo demais. Encurte-o.").waitFor();
    expect(await dialog.getByText(zodEnglish).count()).toBe(0);
  });

  it("puts the reason under a name that is too long, instead of calling it required", async () => {
    const dialog = await openNewPipeline();
    const name = dialog.getByLabel("Nome do funil");
    await name.fill("Funil ".repeat(50));
    await dialog.getByRole("button", { name: "Criar funil" }).click();
    await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
    await dialog.getByText("Este texto é longo demais. Encurte-o.").waitFor();
    expect(await dialog.getByText("Este campo é obrigatório.").count()).toBe(0);
    expect(await dialog.getByText(zodEnglish).count()).toBe(0);
  });
});

describe("the deal timeline", () => {
  it("names both pipelines of a move between pipelines", async () => {
    const [sales] = (await rest<{ items: Pipeline[] }>("GET", "/pipelines")).items;
    if (!sales) throw new Error("the organization has no pipeline");
    const after = await rest<Pipeline>("POST", "/pipelines", {
      name: "Pós-venda",
      stages: [{ name: "Onboarding" }, { name: "Renovação" }],
    });
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Rafael Nunes" });
    const deal = await rest<{ id: string }>("POST", "/deals", {
      title: "Lentes multifocais",
      contactId: contact.id,
      pipelineId: sales.id,
      stage: sales.stages[2]?.id,
      value: { amount: "1200.00" },
    });
    await rest("PATCH", `/deals/${deal.id}`, { stage: sales.stages[3]?.id });
    await rest("PATCH", `/deals/${deal.id}`, { pipelineId: after.id, stage: after.stages[0]?.id });

    await page.goto(url(`/deals/${deal.id}`));
    const from = `${sales.name} › ${sales.stages[3]?.name}`;
    await page.getByText(`Movido de ${from} para Pós-venda › Onboarding`).waitFor();
    // a move within one pipeline names its stages alone
    await page.getByText(`Movido de ${sales.stages[2]?.name} para ${sales.stages[3]?.name}`).waitFor();
  });
});
