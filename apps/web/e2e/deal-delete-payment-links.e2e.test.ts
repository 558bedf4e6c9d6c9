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

/** The REST API as the signed-in page calls it (its session cookie): the status and the body. */
async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
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

async function ok<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await call<T>(method, path, body);
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
  return res.body;
}

interface Payment {
  id: string;
  providerReference: string;
  providerPaymentId: string | null;
}

let integrationId = "";
let contactId = "";

async function dealWithLinks(title: string, links: number): Promise<{ id: string; payments: Payment[] }> {
  const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
    "GET",
    "/pipelines",
  );
  const pipeline = pipelines.items[0];
  const deal = await ok<{ id: string }>("POST", "/deals", {
    title,
    contactId,
    pipelineId: pipeline?.id,
    stage: pipeline?.stages[0]?.id,
    value: { amount: "900.00", currency: "BRL" },
  });
  const payments: Payment[] = [];
  for (let i = 0; i < links; i += 1) {
    payments.push(await ok<Payment>("POST", "/payments", { dealId: deal.id, amount: "100.00" }));
  }
  return { id: deal.id, payments };
}

async function openDeleteDialog(dealId: string, title: string) {
  await page.goto(url(`/deals/${dealId}`));
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
  await page.getByRole("button", { name: "Delete deal" }).click();
  return page.getByRole("dialog", { name: `Delete “${title}”?` });
}

describe("deleting a deal with pending payment links", () => {
  it("says how many links it cancels, and keeps the deal with the API's reason when the provider fails", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Marcenaria Ipê",
      name: "Renata Duarte",
      email: `renata.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    contactId = (await ok<{ id: string }>("POST", "/contacts", { name: "Caio Ferraz" })).id;
    integrationId = (
      await ok<{ id: string }>("POST", "/integrations", {
        channel: "stripe",
        name: "Stripe marcenaria",
        config: stripe.config,
      })
    ).id;
    const title = "Mesa de jantar em ipê";
    const deal = await dealWithLinks(title, 2);

    const dialog = await openDeleteDialog(deal.id, title);
    await dialog
      .getByText("Its 2 pending payment links will be cancelled at the provider first", { exact: false })
      .waitFor();
    await screenshot(page, "deal-delete-pending-links");

    stripe.failAlways(500);
    try {
      await dialog.getByRole("button", { name: "Delete deal" }).click();
      const alert = dialog.getByRole("alert");
      await alert
        .getByText("The deal was kept: the payment provider did not cancel every pending payment link", {
          exact: false,
        })
        .waitFor();
      // the API's own words name how many links the provider refused
      await alert
        .getByText("The server said: The provider could not expire 2 of 2", { exact: false })
        .waitFor();
      await screenshot(page, "deal-delete-provider-failed");
    } finally {
      stripe.recover();
    }
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    expect((await call("GET", `/deals/${deal.id}`)).status).toBe(200);
    expect(deal.payments.map((p) => stripe.sessions.get(p.providerReference)?.status)).toEqual([
      "open",
      "open",
    ]);
  });

  it("keeps the deal and says why while a payment awaits the customer at the provider (409)", async () => {
    const title = "Estante de cedro";
    const deal = await dealWithLinks(title, 1);
    const boleto = deal.payments[0];
    if (!boleto) throw new Error("no payment link was created");
    // a boleto: the customer chose it, Stripe completes the session unpaid and waits for the bank
    const checkout = stripe.pay(boleto.providerReference);
    const unpaid = stripe.event("checkout.session.completed", { ...checkout, payment_status: "unpaid" });
    const hook = await postWebhook(url(`/webhooks/stripe/${integrationId}`), stripe.signedWebhook(unpaid));
    expect(hook.status).toBe(200);
    await expect
      .poll(async () => (await ok<Payment>("GET", `/payments/${boleto.id}`)).providerPaymentId, {
        timeout: 15_000,
      })
      .toBe(checkout.payment_intent);

    const dialog = await openDeleteDialog(deal.id, title);
    await dialog
      .getByText("Its 1 pending payment link will be cancelled at the provider first", { exact: false })
      .waitFor();
    await dialog.getByRole("button", { name: "Delete deal" }).click();
    const alert = dialog.getByRole("alert");
    await alert
      .getByText("The deal was kept: a payment of it still awaits the customer at the provider", {
        exact: false,
      })
      .waitFor();
    await alert.getByText("await the customer at the provider (e.g. a boleto", { exact: false }).waitFor();
    await screenshot(page, "deal-delete-payment-awaiting");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    expect((await call("GET", `/deals/${deal.id}`)).status).toBe(200);
  });

  it("cancels the links, deletes the deal and goes back to the board", async () => {
    const title = "Cadeira de balanço";
    const deal = await dealWithLinks(title, 1);
    const link = deal.payments[0];
    if (!link) throw new Error("no payment link was created");

    const dialog = await openDeleteDialog(deal.id, title);
    await dialog
      .getByText("Its 1 pending payment link will be cancelled at the provider first", { exact: false })
      .waitFor();
    await dialog.getByRole("button", { name: "Delete deal" }).click();
    await page.waitForURL((at) => at.pathname === "/deals");
    expect((await call("GET", `/deals/${deal.id}`)).status).toBe(404);
    expect(stripe.sessions.get(link.providerReference)?.status).toBe("expired");
  });
});
