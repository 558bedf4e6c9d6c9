import {
  type FakeStripe,
  type FakeWhatsApp,
  startFakeStripe,
  startFakeWhatsApp,
} from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, connectWhatsApp, registerOwner, restAs, startBrowserSession } from "./session";

// a Brazilian sales team's QA pass: the merge picker should offer likely duplicates, the delete dialog the counts
let whatsapp: FakeWhatsApp;
let stripe: FakeStripe;
let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

beforeAll(async () => {
  [whatsapp, stripe] = await Promise.all([startFakeWhatsApp(), startFakeStripe()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, STRIPE_API_BASE: stripe.apiBase },
    locale: "pt-BR",
  });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Móveis Curitiba", name: "Paula Reis" })).token;
}, 60_000);

afterAll(async () => {
  await session?.close();
  await Promise.all([whatsapp?.close(), stripe?.close()]);
});

describe("Mesclar duplicado", () => {
  it("offers the likely duplicates first, saying why, then the search as before", async () => {
    const joao = await rest<{ id: string }>("POST", "/contacts", {
      name: "João da Silva",
      phone: "+5541987654321",
      email: "joao.silva@gmail.com",
    });
    await rest("POST", "/contacts", { name: "JOAO DA SILVA", email: "joao.silva@empresa.com.br" });
    await rest("POST", "/contacts", { name: "J. Silva", email: "joao.silva@hotmail.com" });
    // the newest contact, which the picker used to offer first: no duplicate of João
    await rest("POST", "/contacts", { name: "Zélia Prado", phone: "+5541912345678" });

    await page.goto(url(`/contacts/${joao.id}`));
    await page.getByRole("button", { name: "Mesclar duplicado" }).click();
    const dialog = page.getByRole("dialog", { name: "Mesclar contato duplicado" });
    const suggestions = dialog.getByRole("list", { name: "Possíveis duplicados" });
    await suggestions.waitFor();
    const items = suggestions.getByRole("listitem");
    await expect.poll(() => items.count()).toBe(2);
    const first = items.nth(0);
    expect(await first.getByText("JOAO DA SILVA").count()).toBe(1);
    await first.getByText("mesmo nome").waitFor();
    await first.getByText("mesmo e-mail em outro domínio").waitFor();
    const second = items.nth(1);
    expect(await second.getByText("J. Silva").count()).toBe(1);
    expect(await second.getByText("mesmo nome").count()).toBe(0);
    expect(await suggestions.getByText("Zélia Prado").count()).toBe(0);
    await screenshot(page, "contact-merge-suggestions-pt");

    // the search is still there, under them
    const search = dialog.getByRole("combobox", { name: "Ou busque outro contato" });
    await search.fill("Zélia");
    await dialog.getByRole("listbox", { name: "Contatos encontrados" }).getByText("Zélia Prado").waitFor();

    await first.getByRole("button").click();
    await dialog.getByText("O que vem para cá").waitFor();
    expect(await dialog.getByRole("list", { name: "Possíveis duplicados" }).count()).toBe(0);
  });
});

describe("Excluir contato", () => {
  it("says how many conversations, messages, deals and pending payment links the deletion affects", async () => {
    const integration = await connectWhatsApp(session, token, whatsapp);
    await rest("POST", "/integrations", { channel: "stripe", name: "Stripe loja", config: stripe.config });
    const caio = await rest<{ id: string }>("POST", "/contacts", {
      name: "Caio Ferraz",
      phone: "+5541988887777",
    });
    const conversation = await rest<{ id: string }>("POST", "/conversations", {
      contactId: caio.id,
      integrationId: integration.id,
    });
    for (const text of ["Cliente pediu orçamento", "Retornar na segunda"]) {
      await rest("POST", `/conversations/${conversation.id}/messages`, { text, isPrivate: true });
    }
    const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      "GET",
      "/pipelines",
    );
    const pipeline = pipelines.items[0];
    const deal = await rest<{ id: string }>("POST", "/deals", {
      title: "Mesa de jantar",
      contactId: caio.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "900.00", currency: "BRL" },
    });
    for (let i = 0; i < 2; i += 1) await rest("POST", "/payments", { dealId: deal.id, amount: "100.00" });

    await page.goto(url(`/contacts/${caio.id}`));
    await page.getByRole("button", { name: "Excluir Caio Ferraz" }).click();
    const dialog = page.getByRole("dialog", { name: "Excluir contato?" });
    await dialog.getByText("O que a exclusão afeta").waitFor();
    await dialog.getByText("Conversas excluídas: 1").waitFor();
    await dialog.getByText("Mensagens excluídas: 2").waitFor();
    await dialog.getByText("Negócios que ficam sem contato: 1").waitFor();
    await dialog.getByText("Links de pagamento pendentes nesses negócios: 2").waitFor();
    await dialog
      .getByText("Os 2 links de pagamento pendentes continuam ativos no provedor", { exact: false })
      .waitFor();
    await screenshot(page, "contact-delete-counts-pt");

    await dialog.getByRole("button", { name: "Excluir contato" }).click();
    await page.waitForURL((at) => at.pathname === "/contacts");
  });
});
