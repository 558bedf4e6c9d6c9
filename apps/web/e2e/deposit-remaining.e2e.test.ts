import {
  type FakeStripe,
  type FakeWhatsApp,
  postWebhook,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, type PaymentsSession, signUp, startPaymentsSession } from "./session";

let payments: PaymentsSession;
let stripe: FakeStripe;
let whatsapp: FakeWhatsApp;
let session: BrowserSession;
let page: Page;
let integrationId = "";

beforeAll(async () => {
  payments = await startPaymentsSession();
  ({ stripe, whatsapp, session } = payments);
  page = session.page;
});

afterAll(() => payments?.close());

const url = (path: string) => `${session.api.baseUrl}${path}`;

async function ok<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
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
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
  return res.body as T;
}

/** Creates a link of `amount` through the API and has the customer pay it at (fake) Stripe. */
async function payLink(dealId: string, amount: string, cents: number) {
  const created = await ok<{ providerReference: string | null }>("POST", "/payments", {
    dealId,
    amount,
    currency: "BRL",
  });
  const checkout = [...stripe.sessions.values()].find(
    (s) => s.amount_total === cents && s.id === created.providerReference,
  );
  if (!checkout) throw new Error(`no Checkout Session of ${amount}`);
  const hook = await postWebhook(
    url(`/webhooks/stripe/${integrationId}`),
    stripe.signedWebhook(stripe.event("checkout.session.completed", stripe.pay(checkout.id))),
  );
  expect(hook.status).toBe(200);
}

describe("a new link after a deposit", () => {
  it("charges what is left and says what was paid; once paid in full it says so and offers no amount", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Ateliê da Clara",
      name: "Clara Mendes",
      email: `clara.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    const contact = await ok<{ id: string }>("POST", "/contacts", { name: "Marina Souza" });
    const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      "GET",
      "/pipelines",
    );
    const pipeline = pipelines.items[0];
    const deal = await ok<{ id: string }>("POST", "/deals", {
      title: "Vestido sob medida",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "89.90", currency: "BRL" },
    });
    integrationId = (
      await ok<{ id: string }>("POST", "/integrations", {
        channel: "stripe",
        name: "Stripe ateliê",
        config: stripe.config,
      })
    ).id;
    await payLink(deal.id, "50.00", 5000);

    await page.evaluate(() => localStorage.setItem("crm.locale", "pt-BR"));
    await page.goto(url(`/deals/${deal.id}`));
    await page.getByText(/R\$\s50,00 de R\$\s89,90 pagos/).waitFor();
    await page.getByRole("button", { name: "Criar link de pagamento" }).click();
    const dialog = page.getByRole("dialog", { name: "Criar um link de pagamento" });
    const amount = dialog.getByLabel("Valor", { exact: true });
    await amount.waitFor();
    await dialog.getByText(/R\$\s50,00 de R\$\s89,90 já pagos\./).waitFor();
    // the rest, not the full value again: the customer is not charged twice for the deposit
    expect(await amount.inputValue()).toBe("39,90");
    await amount.fill("89,90");
    await dialog.getByText(/^Maior que o que falta pagar \(R\$\s39,90\)/).waitFor();
    await amount.fill("20,00");
    await dialog.getByText(/^Menor que o que falta pagar \(R\$\s39,90\)/).waitFor();
    await screenshot(page, "payment-link-after-deposit-pt-br");
    await dialog.getByRole("button", { name: "Cancelar" }).click();

    await payLink(deal.id, "39.90", 3990);
    await page.reload();
    await page.getByRole("button", { name: "Criar link de pagamento" }).click();
    await dialog.getByText(/R\$\s89,90 de R\$\s89,90 já pagos\./).waitFor();
    await dialog.getByText("Este negócio já foi pago por completo", { exact: false }).waitFor();
    expect(await amount.inputValue()).toBe("");
    await page.evaluate(() => localStorage.removeItem("crm.locale"));
  });

  it("the inbox's Enviar link de pagamento offers what is left too, and says what was paid", async () => {
    await ok("POST", "/integrations", {
      channel: "whatsapp",
      name: "WhatsApp ateliê",
      config: whatsapp.config,
    });
    const waId = "5511987654321";
    const hook = await postWebhook(
      url("/webhooks/whatsapp"),
      whatsapp.signedWebhook(
        whatsAppTextWebhook({
          phoneNumberId: whatsapp.config.phoneNumberId,
          from: waId,
          name: "Luísa Prado",
          text: "Oi! Posso pagar o resto do vestido?",
        }),
      ),
    );
    expect(hook.status).toBe(200);
    const contacts = await ok<{ items: Array<{ id: string; name: string }> }>("GET", "/contacts?limit=100");
    const contact = contacts.items.find((item) => item.name === "Luísa Prado");
    if (!contact) throw new Error("the WhatsApp message made no contact");
    const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      "GET",
      "/pipelines",
    );
    const deal = await ok<{ id: string }>("POST", "/deals", {
      title: "Vestido de festa",
      contactId: contact.id,
      pipelineId: pipelines.items[0]?.id,
      stage: pipelines.items[0]?.stages[0]?.id,
      value: { amount: "89.90", currency: "BRL" },
    });
    await payLink(deal.id, "50.00", 5000);

    await page.evaluate(() => localStorage.setItem("crm.locale", "pt-BR"));
    await page.goto(url("/inbox"));
    await page
      .getByRole("link", { name: /Luísa Prado/ })
      .first()
      .click();
    const panel = page.getByRole("complementary", { name: "Contato" });
    await panel.getByRole("button", { name: "Enviar link de pagamento" }).click();
    const dialog = page.getByRole("dialog", { name: "Enviar um link de pagamento" });
    await dialog.getByText(/R\$\s50,00 de R\$\s89,90 já pagos\./).waitFor();
    expect(await dialog.getByLabel("Valor", { exact: true }).inputValue()).toBe("39,90");
    await page.evaluate(() => localStorage.removeItem("crm.locale"));
  });
});
