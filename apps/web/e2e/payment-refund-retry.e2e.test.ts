import { type FakeStripe, postWebhook, startFakeStripe } from "@crm/integrations/testing";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

/*
 * The refund dialog sends one Idempotency-Key per opening: a submission whose answer was lost (the refund made,
 * the connection dropped) sent again is answered with that refund, not made twice. It offers at most what is left
 * once refunds awaiting the provider's confirmation are held.
 */

let stripe: FakeStripe;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  stripe = await startFakeStripe();
  session = await startBrowserSession({ env: { STRIPE_API_BASE: stripe.apiBase }, locale: "pt-BR" });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await stripe?.close();
});

const url = (path: string) => `${session.api.baseUrl}${path}`;

let token = "";
const ok = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

async function paidDeal() {
  token = (await registerOwner(session, { organizationName: "Ótica Boa Vista", name: "Renata Prado" })).token;
  const contact = await ok<{ id: string }>("POST", "/contacts", { name: "Caio Ferraz" });
  const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
    "GET",
    "/pipelines",
  );
  const pipeline = pipelines.items[0];
  const deal = await ok<{ id: string }>("POST", "/deals", {
    title: "Óculos multifocais",
    contactId: contact.id,
    pipelineId: pipeline?.id,
    stage: pipeline?.stages[0]?.id,
    value: { amount: "1234.56", currency: "BRL" },
  });
  const integrationId = (
    await ok<{ id: string }>("POST", "/integrations", {
      channel: "stripe",
      name: "Stripe ótica",
      config: stripe.config,
    })
  ).id;
  const payment = await ok<{ id: string; providerReference: string }>("POST", "/payments", {
    dealId: deal.id,
  });
  const hook = await postWebhook(
    url(`/webhooks/stripe/${integrationId}`),
    stripe.signedWebhook(stripe.event("checkout.session.completed", stripe.pay(payment.providerReference))),
  );
  expect(hook.status).toBe(200);
  return { deal, payment };
}

describe("the refund dialog", () => {
  it("sends a refund whose answer was lost again under its key: refunded once", async () => {
    const { deal, payment } = await paidDeal();
    await page.goto(url(`/deals/${deal.id}`));
    const refundButton = page.getByRole("button", { name: /^Estornar pagamento de/ });
    await refundButton.click();
    const dialog = page.getByRole("dialog", { name: "Estornar pagamento" });
    await dialog.getByText("R$ 1.234,56 de R$ 1.234,56 ainda pode ser estornado.").waitFor();
    await dialog.getByRole("radio", { name: "Uma parte" }).check();
    await dialog.getByLabel(/^Valor a estornar/).fill("100");

    const sent: Request[] = [];
    const onRequest = (request: Request) => {
      if (request.url().includes("/trpc/payments.refund")) sent.push(request);
    };
    page.on("request", onRequest);
    // the API refunds, then the connection drops before the browser has the answer
    let dropped = false;
    await page.route("**/trpc/payments.refund**", async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await dialog.getByRole("button", { name: "Estornar", exact: true }).click();
    await dialog.getByText("A conexão caiu antes da resposta", { exact: false }).waitFor();
    expect(stripe.refunds.map((refund) => refund.amount)).toEqual([10000]);
    expect(await dialog.getByLabel(/^Valor a estornar/).isDisabled()).toBe(true);
    await screenshot(page, "refund-lost-answer");

    await dialog.getByRole("button", { name: "Estornar", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    page.off("request", onRequest);
    await page.unroute("**/trpc/payments.refund**");

    expect(stripe.refunds.map((refund) => refund.amount)).toEqual([10000]);
    const keys = await Promise.all(sent.map((request) => request.headerValue("idempotency-key")));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await ok<{ refundedAmount: string }>("GET", `/payments/${payment.id}`)).toMatchObject({
      refundedAmount: "100.00",
      refundableAmount: "1134.56",
    });

    // a new opening is a new refund, with a new key
    await refundButton.click();
    const again = page.getByRole("dialog", { name: "Estornar pagamento" });
    await again.getByText("R$ 1.134,56 de R$ 1.234,56 ainda pode ser estornado.").waitFor();
    await again.getByRole("radio", { name: "Uma parte" }).check();
    await again.getByLabel(/^Valor a estornar/).fill("34,56");
    await again.getByRole("button", { name: "Estornar", exact: true }).click();
    await again.waitFor({ state: "detached" });
    expect(stripe.refunds.map((refund) => refund.amount)).toEqual([10000, 3456]);
  });

  it("offers at most what a refund awaiting the provider's confirmation leaves, and says why", async () => {
    const { deal } = await paidDeal();
    await page.goto(url(`/deals/${deal.id}`));
    const refundButton = page.getByRole("button", { name: /^Estornar pagamento de/ });
    await refundButton.click();
    let dialog = page.getByRole("dialog", { name: "Estornar pagamento" });
    await dialog.getByRole("radio", { name: "Uma parte" }).check();
    await dialog.getByLabel(/^Valor a estornar/).fill("200");
    // the connection is cut once Stripe made the refund, on the SDK's attempt and its retry
    stripe.cutNext(2);
    await dialog.getByRole("button", { name: "Estornar", exact: true }).click();
    await dialog.getByText("O provedor não confirmou o estorno.", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Cancelar" }).click();
    await dialog.waitFor({ state: "detached" });

    await refundButton.click();
    dialog = page.getByRole("dialog", { name: "Estornar pagamento" });
    await dialog.getByText("R$ 1.034,56 de R$ 1.234,56 ainda pode ser estornado.").waitFor();
    await dialog.getByText("R$ 200,00 está sendo estornado ou aguarda a confirmação do provedor.").waitFor();
    await dialog.getByRole("radio", { name: "Uma parte" }).check();
    await dialog.getByLabel(/^Valor a estornar/).fill("1100");
    await dialog.getByRole("button", { name: "Estornar", exact: true }).click();
    await dialog.getByText("Isto é mais do que ainda pode ser estornado.").waitFor();
    await dialog.getByLabel(/^Valor a estornar/).fill("100");
    await dialog.getByRole("button", { name: "Estornar", exact: true }).click();
    await dialog
      .getByText("Um estorno anterior deste pagamento aguarda a confirmação do provedor.", { exact: false })
      .waitFor();
    await screenshot(page, "refund-held-maximum");
  });
});
