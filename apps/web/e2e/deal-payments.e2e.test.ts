import { type FakeStripe, postWebhook, startFakeStripe } from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, integrationItem, signUp, startBrowserSession } from "./session";

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

let dealId = "";
let integrationId = "";

/** Every action of the deal's payments lies inside the viewport and its card, and nothing there scrolls sideways. */
async function expectActionsReachable(width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.goto(url(`/deals/${dealId}`));
  const card = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Payments", level: 2 }) });
  const actions = [
    card.getByRole("button", { name: "Copy link of R$1,234.56" }),
    card.getByRole("link", { name: "Open payment link of R$1,234.56" }),
    card.getByRole("button", { name: "Refund payment of R$99.90" }),
  ];
  await actions[2]?.waitFor();
  await screenshot(page, `deal-payments-${width}`);
  const box = await card.boundingBox();
  if (!box) throw new Error("the payments card is not shown");
  // a box that scrolls sideways and has more than it shows (a visually hidden label clips, it does not scroll)
  const scrolled = await card.evaluate(
    (element) =>
      [element, ...element.querySelectorAll("*")].filter(
        (node) =>
          ["auto", "scroll"].includes(getComputedStyle(node).overflowX) &&
          node.scrollWidth > node.clientWidth + 1,
      ).length,
  );
  expect(scrolled, "something in the payments card needs horizontal scrolling").toBe(0);
  for (const action of actions) {
    const at = await action.boundingBox();
    if (!at) throw new Error("an action is not shown");
    expect(at.x).toBeGreaterThanOrEqual(Math.max(0, box.x) - 0.5);
    expect(at.x + at.width).toBeLessThanOrEqual(Math.min(width, box.x + box.width) + 0.5);
  }
}

describe("the deal's payments", () => {
  it("shows every payment's actions without horizontal scrolling, at 1280 and 390 pixels wide", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Ateliê Aurora",
      name: "Lívia Campos",
      email: `livia.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    const contact = await ok<{ id: string }>("POST", "/contacts", { name: "Otávio Mendes" });
    const pipelines = await ok<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      "GET",
      "/pipelines",
    );
    const pipeline = pipelines.items[0];
    const deal = await ok<{ id: string }>("POST", "/deals", {
      title: "Vestido de noiva sob medida com bordado à mão e véu longo",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "1234.56", currency: "BRL" },
    });
    dealId = deal.id;
    integrationId = (
      await ok<{ id: string }>("POST", "/integrations", {
        channel: "stripe",
        name: "Stripe ateliê",
        config: stripe.config,
      })
    ).id;
    // one paid (it can be refunded), one pending (its link can be copied and opened)
    const paid = await ok<{ providerReference: string; id: string }>("POST", "/payments", {
      dealId,
      amount: "99.90",
    });
    await ok("POST", "/payments", { dealId });
    const completed = stripe.pay(paid.providerReference);
    const hook = await postWebhook(
      url(`/webhooks/stripe/${integrationId}`),
      stripe.signedWebhook(stripe.event("checkout.session.completed", completed)),
    );
    expect(hook.status).toBe(200);

    await expectActionsReachable(1280, 800);
    await expectActionsReachable(390, 844);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("deleting the Stripe integration says how many pending links it expires first", async () => {
    await page.goto(url("/settings/integrations"));
    const item = integrationItem(page, "Stripe ateliê");
    await item.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete Stripe ateliê?" });
    await dialog
      .getByText(
        "Its 1 pending payment link will be expired at the provider first, so the customer can no longer pay it.",
        { exact: false },
      )
      .waitFor();
    await screenshot(page, "integration-delete-pending-links");
    await dialog.getByRole("button", { name: "Delete integration" }).click();
    await dialog.waitFor({ state: "detached" });
    await item.waitFor({ state: "detached" });
    expect([...stripe.sessions.values()].filter((s) => s.status === "expired")).toHaveLength(1);

    await page.goto(url(`/deals/${dealId}`));
    await page.getByText("its Stripe integration was deleted", { exact: false }).waitFor();
  });
});
