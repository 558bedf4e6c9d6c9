import { type FakeStripe, type FakeWhatsApp, postWebhook } from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  connectIntegration,
  expectAccessible,
  integrationItem as integrationOf,
  type PaymentsSession,
  signUp,
  startPaymentsSession,
} from "./session";

let payments: PaymentsSession;
let whatsapp: FakeWhatsApp;
let stripe: FakeStripe;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  payments = await startPaymentsSession();
  ({ whatsapp, stripe, session } = payments);
  await session.context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: session.api.baseUrl,
  });
  page = session.page;
});

afterAll(() => payments?.close());

const url = (path: string) => `${session.api.baseUrl}${path}`;

const integrationItem = (name: string) => integrationOf(page, name);
const connect = (kind: string, name: string, fields: Record<string, string>) =>
  connectIntegration(page, kind, name, fields);

async function testConnection(name: string) {
  const item = integrationItem(name);
  await item.getByRole("button", { name: "Test" }).click();
  await item.getByText(/^Connection works[.:]/).waitFor();
}

const dealTitle = "Espresso machine service";
let stripeWebhookUrl = "";

describe("connecting providers and getting paid", () => {
  it("signs up and connects WhatsApp through the form, with field checks, a test and the webhook URL", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Café Central",
      name: "Paula Reis",
      email: `paula.${Date.now()}@example.com`,
      password: "correct horse battery",
    });

    await page.goto(url("/settings"));
    await page
      .getByRole("navigation", { name: "Settings sections" })
      .getByRole("link", { name: "Integrations" })
      .click();
    await page.getByRole("heading", { name: "Nothing connected yet" }).waitFor();

    await page.getByRole("button", { name: "Connect WhatsApp" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect WhatsApp" });
    await dialog.getByLabel("Phone number ID").fill("12ab");
    await dialog.getByRole("button", { name: "Connect", exact: true }).click();
    await dialog.getByText("Digits only, as the provider shows it.").waitFor();
    await dialog.getByText("This field is required.").first().waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await connect("WhatsApp", "WhatsApp vendas", {
      "Phone number ID": whatsapp.config.phoneNumberId,
      "Access token": whatsapp.config.accessToken,
      "App secret": whatsapp.config.appSecret,
      "Verify token": whatsapp.config.verifyToken,
    });
    await page.getByText("WhatsApp vendas is connected.").waitFor();
    whatsapp.failNext(401);
    const item = integrationItem("WhatsApp vendas");
    await item.getByRole("button", { name: "Test" }).click();
    await item.getByText(/^The provider refused these credentials: .+/).waitFor();
    await item.getByText("Test failed", { exact: true }).waitFor();
    await testConnection("WhatsApp vendas");
    await item.getByText("Active", { exact: true }).waitFor();

    expect(await item.getByRole("textbox", { name: "Webhook URL" }).inputValue()).toBe(
      `${session.api.baseUrl}/webhooks/whatsapp`,
    );
    const copy = item.getByRole("button", { name: "Copy webhook URL of WhatsApp vendas" });
    expect(await copy.isVisible()).toBe(true);
    await copy.click();
    await item.getByRole("button", { name: "Copied webhook URL of WhatsApp vendas" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${session.api.baseUrl}/webhooks/whatsapp`,
    );
  });

  it("connects Stripe before its webhook exists, then pastes the signing secret Stripe shows for it", async () => {
    // Stripe shows the whsec_ secret only once an endpoint with our URL exists: it cannot be asked first
    await connect("Stripe", "Stripe", { "Secret key": stripe.config.secretKey });
    await page
      .getByText("Stripe is connected. Now create a webhook in Stripe with the URL shown below")
      .waitFor();
    const pending = integrationItem("Stripe").getByText(
      /^Webhook not configured yet\. In Stripe, create a webhook/,
    );
    await pending.waitFor();
    expect(await pending.textContent()).toContain("payment links cannot be created");
    await integrationItem("Stripe").getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Stripe" });
    await edit.getByLabel("Webhook signing secret").fill(stripe.config.webhookSecret);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "detached" });
    await pending.waitFor({ state: "detached" });
  });

  it("tests Stripe against its fake", async () => {
    await testConnection("Stripe");
    const stripeItem = integrationItem("Stripe");
    await stripeItem
      .getByText(
        "Connection works: the provider accepts these credentials. They are test credentials: payment links made with them charge no one.",
      )
      .waitFor();
    await page.evaluate(() => window.localStorage.setItem("crm.locale", "pt-BR"));
    await page.reload();
    try {
      // the whole sentence in the user's language: the API says only "test mode", not how to word it
      const emPortugues = page
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: "Stripe", exact: true }) });
      await emPortugues.getByRole("button", { name: "Testar" }).click();
      await emPortugues
        .getByText(
          "A conexão funciona: o provedor aceita estas credenciais. São credenciais de teste: os links de pagamento criados com elas não cobram ninguém.",
        )
        .waitFor();
    } finally {
      await page.evaluate(() => window.localStorage.setItem("crm.locale", "en"));
      await page.reload();
    }
    stripeWebhookUrl = await integrationItem("Stripe")
      .getByRole("textbox", { name: "Webhook URL" })
      .inputValue();
    expect(stripeWebhookUrl).toMatch(new RegExp(`^${session.api.baseUrl}/webhooks/stripe/[0-9a-f-]{36}$`));
    await expectAccessible(page, "settings-integrations");
  });

  it("creates a deal and a payment link from the deal page", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("button", { name: "New contact" }).first().click();
    await page.getByRole("dialog").getByLabel("Name").fill("Lucas Almeida");
    await page.getByRole("dialog").getByRole("button", { name: "Create contact" }).click();
    await page.getByRole("table", { name: "Contacts" }).getByRole("link", { name: "Lucas Almeida" }).click();
    await page.getByRole("heading", { name: "Lucas Almeida", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New deal" }).click();
    const dealDialog = page.getByRole("dialog");
    await dealDialog.getByLabel("Title").fill(dealTitle);
    await dealDialog.getByLabel("Value").fill("1500.50");
    await dealDialog.getByRole("button", { name: "Create deal" }).click();
    await dealDialog.waitFor({ state: "detached" });
    await page.getByRole("link", { name: dealTitle }).click();
    await page.getByRole("heading", { name: dealTitle, level: 1 }).waitFor();
    await page.getByText("No payment links yet.").waitFor();

    await page.getByRole("button", { name: "Create payment link" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a payment link" });
    expect(await dialog.getByLabel("Amount").inputValue()).toBe("1,500.50");
    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByText(/^Payment link for .*1,500\.50 created/).waitFor();
    const [session] = [...stripe.sessions.values()];
    expect(session?.amount_total).toBe(150050);
    expect(await dialog.locator("code").textContent()).toBe(session?.url);
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.getByRole("list", { name: "Payments" }).getByText("Pending").waitFor();

    // only Stripe is connected: offering Mercado Pago would only end in an error
    await page.getByRole("button", { name: "Create payment link" }).click();
    await expect
      .poll(() => dialog.getByLabel("Provider").locator("option").allTextContents())
      .toEqual(["Stripe"]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("fits the deal page with its payment link on a phone: the payments list wraps its actions", async () => {
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const list = page.getByRole("list", { name: "Payments" });
      await list.getByText("Pending").waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await expectAccessible(page, "deal-payments-on-a-phone");
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  });

  it("a signed checkout.session.completed webhook marks the payment paid and the deal won", async () => {
    const [session] = [...stripe.sessions.values()];
    if (!session) throw new Error("no checkout session was created");
    const paidSession = stripe.pay(session.id);
    const res = await postWebhook(
      stripeWebhookUrl,
      stripe.signedWebhook(stripe.event("checkout.session.completed", paidSession)),
    );
    expect(res.status).toBe(200);

    // No reload and no polling: the realtime payment_status event refreshes the payments and the deal.
    await page
      .getByRole("list", { name: "Payments" })
      .getByText("Paid", { exact: true })
      .waitFor({ timeout: 30_000 });
    await page.getByText("Won", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    await expectAccessible(page, "deal-payments");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
    const table = page.getByRole("table", { name: "Payments" });
    const row = table.getByRole("row").filter({ hasText: dealTitle });
    await row.getByText("Paid", { exact: true }).waitFor();
    await row.getByText("Stripe").waitFor();
    await page.getByLabel("Filter by status").selectOption("pending");
    await page.getByText("No payments match these filters.").waitFor();
    await page.getByLabel("Filter by status").selectOption("paid");
    await row.waitFor();
    await expectAccessible(page, "payments");
  });

  it("refunds part of the payment", async () => {
    const row = page.getByRole("table", { name: "Payments" }).getByRole("row").filter({ hasText: dealTitle });
    await row.getByRole("button", { name: /^Refund payment of/ }).click();
    const dialog = page.getByRole("dialog", { name: "Refund payment" });
    await dialog.getByRole("radio", { name: "Part of it" }).check();
    await dialog.getByLabel(/^Amount to refund/).fill("2000");
    await dialog.getByRole("button", { name: "Refund", exact: true }).click();
    await dialog.getByText("This is more than what can still be refunded.").waitFor();
    await dialog.getByLabel(/^Amount to refund/).fill("500");
    await dialog.getByRole("button", { name: "Refund", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    await row.getByText(/500\.00 refunded/).waitFor();
    expect(stripe.refunds.map((refund) => refund.amount)).toEqual([50000]);
    await row.getByText("Paid", { exact: true }).waitFor();

    // From the list a link is for an open deal; the only deal is won now.
    await page.getByRole("button", { name: "Create payment link" }).click();
    const create = page.getByRole("dialog", { name: "Create a payment link" });
    await create.getByText("There are no open deals.", { exact: false }).waitFor();
    await create.getByRole("button", { name: "Close" }).click();
  });

  it("shows each payment as a card on a phone, its Refund in view and nothing to scroll sideways", async () => {
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const refund = page.getByRole("button", { name: /^Refund payment of/ });
      // the narrower screen swaps the table for cards: the button found first may be the table's, on its way out
      await expect
        .poll(
          async () => {
            const box = await refund.boundingBox();
            return box !== null && box.x >= 0 && box.x + box.width <= 390;
          },
          { message: "Refund is in view" },
        )
        .toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByRole("list", { name: "Payments" }).getByRole("link", { name: dealTitle }).waitFor();
      await expectAccessible(page, "payments-phone");
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  });

  it("lists the Stripe webhooks in the integration's log and retries a failed one", async () => {
    const unreadable = {
      id: "evt_unreadable",
      object: "event",
      type: "checkout.session.completed",
      data: {},
    };
    expect((await postWebhook(stripeWebhookUrl, stripe.signedWebhook(unreadable))).status).toBe(200);
    const integrationId = stripeWebhookUrl.split("/").pop();
    await expect
      .poll(async () => {
        const res = await session.context.request.get(
          url(`/api/v1/integrations/${integrationId}/webhook-logs?status=failed`),
        );
        return ((await res.json()) as { items: unknown[] }).items.length;
      })
      .toBe(1);

    await page.goto(url("/settings/integrations"));
    await integrationItem("Stripe").getByRole("button", { name: "Webhook log" }).click();
    const dialog = page.getByRole("dialog", { name: "Webhook log of Stripe" });
    const log = dialog.getByRole("table", { name: "Webhook deliveries" });
    const paidRow = log.getByRole("row").filter({ hasText: "Processed" });
    await paidRow.getByText("checkout.session.completed").waitFor();

    await dialog.getByLabel("Filter by status").selectOption("failed");
    const failedRow = log.getByRole("row").filter({ hasText: "Unreadable stripe notification" });
    await expect.poll(() => paidRow.count()).toBe(0);
    await failedRow.getByText("1", { exact: true }).waitFor();
    await expectAccessible(page, "settings-integrations-webhook-log");
    await failedRow.getByRole("button", { name: /^Retry delivery received/ }).click();
    await dialog.getByLabel("Filter by status").selectOption("");
    // processed again (and refused again: the payload is still unreadable), which the log shows as it polls
    await failedRow.getByText("2", { exact: true }).waitFor({ timeout: 30_000 });
    await failedRow.getByText("Failed", { exact: true }).waitFor();
  });

  it("edits, disables and deletes an integration", async () => {
    await page.keyboard.press("Escape");
    const item = integrationItem("WhatsApp vendas");
    await item.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit WhatsApp vendas" });
    await dialog
      .getByText(`Stored: ••••${whatsapp.config.accessToken.slice(-4)}. Leave empty to keep it.`)
      .waitFor();
    await dialog.getByLabel("Name", { exact: true }).fill("WhatsApp suporte");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "detached" });
    const renamed = integrationItem("WhatsApp suporte");
    await renamed.getByRole("button", { name: "Disable" }).click();
    await page
      .getByRole("dialog", { name: "Disable WhatsApp suporte?" })
      .getByRole("button", { name: "Disable", exact: true })
      .click();
    await renamed.getByText("Disabled", { exact: true }).waitFor();
    await renamed.getByRole("button", { name: "Enable" }).click();
    await renamed.getByText("Active", { exact: true }).waitFor();

    await renamed.getByRole("button", { name: "Delete" }).click();
    await page
      .getByRole("dialog", { name: "Delete WhatsApp suporte?" })
      .getByRole("button", { name: "Delete integration" })
      .click();
    await expect.poll(() => renamed.count()).toBe(0);
    await integrationItem("Stripe").waitFor();
  });
});
