import { type FakeStripe, postWebhook, startFakeStripe } from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

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

describe("a refund the provider did not confirm", () => {
  it("says not to refund again, and a refund tried anyway says an earlier one awaits the provider", async () => {
    token = (await registerOwner(session, { organizationName: "Ótica Boa Vista", name: "Renata Prado" }))
      .token;
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
    const payment = await ok<{ providerReference: string }>("POST", "/payments", { dealId: deal.id });
    const hook = await postWebhook(
      url(`/webhooks/stripe/${integrationId}`),
      stripe.signedWebhook(stripe.event("checkout.session.completed", stripe.pay(payment.providerReference))),
    );
    expect(hook.status).toBe(200);

    await page.goto(url(`/deals/${deal.id}`));
    const refundButton = page.getByRole("button", { name: /^Estornar pagamento de/ });
    await refundButton.click();
    let dialog = page.getByRole("dialog", { name: "Estornar pagamento" });
    await dialog.getByRole("radio", { name: "Uma parte" }).check();
    await dialog.getByLabel(/^Valor a estornar/).fill("100");
    // the connection is cut once Stripe made the refund, on the SDK's attempt and its retry
    stripe.cutNext(2);
    await dialog.getByRole("button", { name: "Estornar", exact: true }).click();
    await dialog.getByText("O provedor não confirmou o estorno.", { exact: false }).waitFor();
    expect(await dialog.getByRole("button", { name: "Estornar", exact: true }).isDisabled()).toBe(true);
    expect(stripe.refunds.map((refund) => refund.amount)).toEqual([10000]);
    await dialog.getByRole("button", { name: "Cancelar" }).click();
    await dialog.waitFor({ state: "detached" });

    // the same amount again, as someone who did not read the message would
    await refundButton.click();
    dialog = page.getByRole("dialog", { name: "Estornar pagamento" });
    await dialog.getByRole("radio", { name: "Uma parte" }).check();
    await dialog.getByLabel(/^Valor a estornar/).fill("100");
    await dialog.getByRole("button", { name: "Estornar", exact: true }).click();
    await dialog
      .getByText("Um estorno anterior deste pagamento aguarda a confirmação do provedor.", { exact: false })
      .waitFor();
    await screenshot(page, "refund-earlier-unconfirmed");
    expect(await dialog.getByRole("button", { name: "Estornar", exact: true }).isDisabled()).toBe(true);
    expect(stripe.refunds.map((refund) => refund.amount)).toEqual([10000]);
  });
});
