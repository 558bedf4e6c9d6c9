import {
  type FakeMercadoPago,
  type FakeStripe,
  startFakeMercadoPago,
  startFakeStripe,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, openPage, signUp, startBrowserSession } from "./session";

let stripe: FakeStripe;
let mp: FakeMercadoPago;
let smtp: SmtpSink;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  [stripe, mp, smtp] = await Promise.all([startFakeStripe(), startFakeMercadoPago(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { STRIPE_API_BASE: stripe.apiBase, MERCADOPAGO_API_BASE: mp.apiBase, SMTP_URL: smtp.url },
    locale: "en-US",
  });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await Promise.all([stripe?.close(), mp?.close(), smtp?.close()]);
});

const url = (path: string) => `${session.api.baseUrl}${path}`;

/** A REST call made from a page, with its session cookie. */
function call<T>(
  from: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return from.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { method, path, body },
  );
}

async function ok<T>(from: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await call<T>(from, method, path, body);
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
  return res.body;
}

let dealId = "";

describe("the payment link form offers only what is connected", () => {
  it("tells an owner with no provider that none is connected and where to connect one", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Doces da Vila",
      name: "Marina Prado",
      email: `marina.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    const contact = await ok<{ id: string }>(page, "POST", "/contacts", { name: "Rafael Costa" });
    const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      page,
      "GET",
      "/pipelines",
    );
    const pipeline = pipelines.items[0];
    const deal = await ok<{ id: string }>(page, "POST", "/deals", {
      title: "Bolos para o casamento",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "2500.00", currency: "BRL" },
    });
    dealId = deal.id;

    await page.goto(url(`/deals/${dealId}`));
    await page.getByRole("button", { name: "Create payment link" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a payment link" });
    await dialog
      .getByText("No payment provider is connected, so no payment link can be created yet.")
      .waitFor();
    expect(await dialog.getByLabel("Provider").count()).toBe(0);
    await expectAccessible(page, "payment-link-no-provider");
    await dialog.getByRole("link", { name: "Connect Stripe or Mercado Pago" }).click();
    await page.waitForURL("**/settings/integrations");
  });

  it("offers an agent (in Portuguese) only the active provider, and charges 1.234,56 through it", async () => {
    const stripeId = (
      await ok<{ id: string }>(page, "POST", "/integrations", {
        channel: "stripe",
        name: "Stripe",
        config: stripe.config,
      })
    ).id;
    await ok(page, "PATCH", `/integrations/${stripeId}`, { isActive: false });
    await ok(page, "POST", "/integrations", { channel: "mercadopago", name: "MP loja", config: mp.config });

    const email = `agent.${Date.now()}@example.com`;
    await ok(page, "POST", "/users", { email, role: "agent" });
    const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
    const { context, page: agent } = await openPage(session.browser, "pt-BR");
    try {
      await agent.goto(url("/login"));
      await ok(agent, "POST", "/auth/accept-invitation", {
        token,
        name: "Caio Ramos",
        password: "correct horse battery",
      });
      await agent.goto(url(`/deals/${dealId}`));
      await agent.getByRole("button", { name: "Criar link de pagamento" }).click();
      const dialog = agent.getByRole("dialog", { name: "Criar um link de pagamento" });
      const provider = dialog.getByLabel("Provedor");
      await provider.waitFor();
      expect(await provider.locator("option").allTextContents()).toEqual(["Mercado Pago"]);
      // a Brazilian Mercado Pago account charges in BRL only: nothing else is offered, and the form says why
      const currencies = await dialog.getByLabel("Moeda").locator("option").allTextContents();
      expect(currencies).toHaveLength(1);
      expect(currencies[0]).toMatch(/^BRL · /);
      await dialog.getByText("Mercado Pago cobra nesta conta apenas em BRL.").waitFor();
      // above the limit, the field says what the limit is, written as Brazilians write numbers
      await dialog.getByLabel("Valor").fill("10.000.000.000.000,00");
      await dialog.getByRole("button", { name: "Criar link" }).click();
      await dialog.getByText("O valor é grande demais: pode ser no máximo 9.999.999.999.999,99.").waitFor();
      await dialog.getByLabel("Valor").fill("1.234,56");
      await dialog.getByRole("button", { name: "Criar link" }).click();
      await dialog.getByText(/^Link de pagamento de R\$\s1\.234,56 criado/).waitFor();
      const [preference] = [...mp.preferences.values()];
      expect(preference?.items).toEqual([
        expect.objectContaining({ unit_price: 1234.56, currency_id: "BRL" }),
      ]);
      await dialog.getByRole("button", { name: "Concluir" }).click();

      // that link is not paid yet: a second one says so and suggests what it leaves of R$ 2.500,00
      await agent.getByRole("button", { name: "Criar link de pagamento" }).click();
      await dialog
        .getByText(/^Este negócio já tem um link pendente de R\$\s1\.234,56, ainda não pago/)
        .waitFor();
      expect(await dialog.getByLabel("Valor").inputValue()).toBe("1.265,44");
      await expectAccessible(agent, "payment-link-pending-pt-br");
      await dialog.getByRole("button", { name: "Cancelar" }).click();

      // a lost deal charges nobody: its page offers no link
      await ok(page, "PATCH", `/deals/${dealId}`, { status: "lost", lostReason: "Cliente desistiu" });
      await agent.reload();
      await agent.getByRole("heading", { name: "Pagamentos", exact: true }).first().waitFor();
      expect(await agent.getByRole("button", { name: "Criar link de pagamento" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("empties a dollar deal's amount when Mercado Pago switches the link to reais, and says why", async () => {
    const integrations = await ok<{ items: Array<{ id: string; channel: string }> }>(
      page,
      "GET",
      "/integrations",
    );
    const stripeId = integrations.items.find((item) => item.channel === "stripe")?.id ?? "";
    await ok(page, "PATCH", `/integrations/${stripeId}`, { isActive: true });
    const contact = await ok<{ id: string }>(page, "POST", "/contacts", { name: "Helena Duarte" });
    const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      page,
      "GET",
      "/pipelines",
    );
    const deal = await ok<{ id: string }>(page, "POST", "/deals", {
      title: "Mentoria em dólar",
      contactId: contact.id,
      pipelineId: pipelines.items[0]?.id,
      stage: pipelines.items[0]?.stages[0]?.id,
      value: { amount: "1999.99", currency: "USD" },
    });

    await page.goto(url(`/deals/${deal.id}`));
    await page.getByRole("button", { name: "Create payment link" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a payment link" });
    const amount = dialog.getByLabel("Amount", { exact: true });
    const currency = dialog.getByLabel("Currency", { exact: true });
    await amount.waitFor();
    expect([await amount.inputValue(), await currency.inputValue()]).toEqual(["1,999.99", "USD"]);
    // Mercado Pago charges this account in reais: the dollar number goes, and the form says why
    await dialog.getByLabel("Provider").selectOption({ label: "Mercado Pago" });
    expect([await amount.inputValue(), await currency.inputValue()]).toEqual(["", "BRL"]);
    await dialog
      .getByText("The amount was cleared because the currency changed from USD to BRL", { exact: false })
      .waitFor();
    const preferences = mp.preferences.size;
    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByText("This field is required.").waitFor();
    expect(mp.preferences.size).toBe(preferences);
  });
});
