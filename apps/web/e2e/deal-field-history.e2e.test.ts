import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

let smtp: SmtpSink;
let session: BrowserSession;
let page: Page;
let token = "";
let ownerId = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;

const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

/** A teammate who accepted the invitation: their id. */
async function invite(name: string): Promise<string> {
  const email = `agent.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  await rest("POST", "/users", { email, role: "agent" });
  const invitation = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: invitation, name, password: "correct horse battery" }),
  });
  expect(accepted.status).toBe(200);
  return ((await accepted.json()) as { user: { id: string } }).user.id;
}

/** The timeline's text, with the no-break spaces of "R$ 2.000,00" as plain spaces. */
const timeline = async () =>
  ((await page.getByRole("list", { name: "Atividades" }).textContent()) ?? "").replace(/\u00a0/g, " ");

interface Deal {
  id: string;
  contactId: string | null;
  pipelineId: string;
  stage: string;
  assigneeId: string | null;
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  session = await startBrowserSession({ env: { SMTP_URL: smtp.url }, locale: "pt-BR" });
  page = session.page;
  const owner = await registerOwner(session, { organizationName: "Café Serra Azul", name: "Ana Ribeiro" });
  token = owner.token;
  ownerId = owner.user.id;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe("a deal's edit history, as a Brazilian sales manager reads it", () => {
  it("edits value, close date and owner, then contact and pipeline, and reads each change in the timeline", async () => {
    const joaoId = await invite("João Silva");
    const carla = await rest<{ id: string }>("POST", "/contacts", { name: "Carla Nunes" });
    await rest("POST", "/contacts", { name: "Diego Farias" });
    const [pipeline] = (
      await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>("GET", "/pipelines")
    ).items;
    const renewals = await rest<{ id: string; stages: Array<{ id: string; name: string }> }>(
      "POST",
      "/pipelines",
      { name: "Renovações", stages: [{ name: "Contato inicial" }, { name: "Proposta enviada" }] },
    );
    const deal = await rest<Deal>("POST", "/deals", {
      title: "Café para o escritório",
      contactId: carla.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "2000.00", currency: "BRL" },
      expectedCloseDate: "2026-12-20",
      assigneeId: ownerId,
    });

    await page.goto(url(`/deals/${deal.id}`));
    await page.getByRole("button", { name: "Editar", exact: true }).click();
    await page.getByRole("textbox", { name: "Valor", exact: true }).fill("7.777,00");
    await page.getByLabel("Previsão de fechamento", { exact: true }).fill("2026-12-24");
    await page
      .getByRole("combobox", { name: "Responsável", exact: true })
      .selectOption({ label: "João Silva" });
    await page.getByRole("button", { name: "Salvar alterações" }).click();

    await expect.poll(timeline).toContain("Valor alterado de R$ 2.000,00 para R$ 7.777,00");
    const text = await timeline();
    expect(text).toContain("Previsão de fechamento alterada de 20/12/2026 para 24/12/2026");
    expect(text).toContain("Responsável alterado de Ana Ribeiro para João Silva");
    expect(text).toContain("Ana Ribeiro · ");
    await screenshot(page, "deal-field-history");

    // a contact and a pipeline picked in the same form
    await page.getByRole("button", { name: "Editar", exact: true }).click();
    await page.getByText("Carla Nunes", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Trocar", exact: true }).click();
    await page.getByRole("combobox", { name: "Contato", exact: true }).fill("Diego");
    await page.getByRole("listbox", { name: "Contatos encontrados" }).getByText("Diego Farias").click();
    await page.getByRole("combobox", { name: "Funil", exact: true }).selectOption({ label: "Renovações" });
    await page
      .getByRole("combobox", { name: "Etapa", exact: true })
      .selectOption({ label: "Proposta enviada" });
    await screenshot(page, "deal-edit-contact-pipeline");
    await page.getByRole("button", { name: "Salvar alterações" }).click();

    await page.getByRole("link", { name: "Diego Farias", exact: true }).waitFor();
    await expect.poll(timeline).toContain("Contato alterado de Carla Nunes para Diego Farias");
    expect(await timeline()).toContain("Proposta enviada");
    const saved = await rest<Deal>("GET", `/deals/${deal.id}`);
    expect(saved).toMatchObject({
      pipelineId: renewals.id,
      stage: renewals.stages[1]?.id,
      assigneeId: joaoId,
    });
    expect(saved.contactId).not.toBe(carla.id);
  });
});
