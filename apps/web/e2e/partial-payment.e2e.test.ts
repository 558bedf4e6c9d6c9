import { type FakeStripe, postWebhook, startFakeStripe } from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, signUp, startBrowserSession } from "./session";

let stripe: FakeStripe;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  stripe = await startFakeStripe();
  session = await startBrowserSession({ env: { STRIPE_API_BASE: stripe.apiBase }, locale: "en-US" });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await stripe?.close();
});

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

describe("a deposit on a big deal", () => {
  it("the link form says a link below the deal's value will not win it, and the timeline says how much is paid", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Construtora Horizonte",
      name: "Beatriz Lima",
      email: `beatriz.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    const contact = await ok<{ id: string }>("POST", "/contacts", { name: "Eduardo Nunes" });
    const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      "GET",
      "/pipelines",
    );
    const pipeline = pipelines.items[0];
    const deal = await ok<{ id: string }>("POST", "/deals", {
      title: "Reforma da cozinha",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "50000.00", currency: "BRL" },
    });
    const integrationId = (
      await ok<{ id: string }>("POST", "/integrations", {
        channel: "stripe",
        name: "Stripe obras",
        config: stripe.config,
      })
    ).id;

    await page.goto(url(`/deals/${deal.id}`));
    await page.getByRole("button", { name: "Create payment link" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a payment link" });
    const amount = dialog.getByLabel("Amount", { exact: true });
    const below = dialog.getByText("Less than the deal's value (R$50,000.00)", { exact: false });
    await amount.waitFor();
    // the deal's full value wins it: nothing to say
    expect(await below.count()).toBe(0);
    await amount.fill("0.50");
    await below.waitFor();
    await screenshot(page, "payment-link-below-deal-value");
    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByText(/^Payment link for R\$0\.50 created/).waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();

    const session50 = [...stripe.sessions.values()].find((s) => s.amount_total === 50);
    if (!session50) throw new Error("no Checkout Session of 0.50");
    const paid = stripe.pay(session50.id);
    const hook = await postWebhook(
      url(`/webhooks/stripe/${integrationId}`),
      stripe.signedWebhook(stripe.event("checkout.session.completed", paid)),
    );
    expect(hook.status).toBe(200);
    await page
      .getByText(
        "Partial payment of R$0.50 received via Stripe: R$0.50 of R$50,000.00 paid. The deal is won once its value is paid.",
      )
      .waitFor();
    expect((await ok<{ status: string }>("GET", `/deals/${deal.id}`)).status).toBe("open");

    // the same, in Portuguese
    await page.evaluate(() => localStorage.setItem("crm.locale", "pt-BR"));
    await page.reload();
    await page
      .getByText(/^Pagamento parcial de R\$\s0,50 recebido via Stripe: R\$\s0,50 de R\$\s50\.000,00 pagos/)
      .waitFor();
    // the header says how much of the value is paid so far, and the timeline that the link was made
    await page.getByText(/^Pago: R\$\s0,50 de R\$\s50\.000,00$/).waitFor();
    await page.getByText(/^Link de pagamento de R\$\s0,50 via Stripe criado$/).waitFor();
    await page.getByRole("button", { name: "Criar link de pagamento" }).click();
    const dialogPt = page.getByRole("dialog", { name: "Criar um link de pagamento" });
    // after the deposit a link is measured against what is left to pay, not the whole value
    await dialogPt.getByLabel("Valor", { exact: true }).fill("1.000,00");
    await dialogPt.getByText(/^Menor que o que falta pagar \(R\$\s49\.999,50\)/).waitFor();
    await screenshot(page, "payment-link-below-deal-value-pt-br");
    await page.evaluate(() => localStorage.removeItem("crm.locale"));
  });
});
