import {
  type FakeStripe,
  type FakeWhatsApp,
  postWebhook,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import {
  type BrowserSession,
  connectIntegration,
  drag,
  integrationItem,
  type PaymentsSession,
  signUp,
  startPaymentsSession,
} from "./session";

// The whole story, in order, in one browser page: each step starts where the previous one ended.

let payments: PaymentsSession;
let whatsapp: FakeWhatsApp;
let stripe: FakeStripe;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  payments = await startPaymentsSession();
  ({ whatsapp, stripe, session } = payments);
  page = session.page;
});

afterAll(() => payments?.close());

const customer = { name: "Fernanda Rocha", waId: "5531991234567" };
const question = "Bom dia! Quanto custa o moedor elétrico?";
const answer = "Bom dia, Fernanda! Custa R$ 649,90. Posso separar um para você?";
const dealTitle = "Moedor elétrico";

const mainNav = (name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
const customerRow = () =>
  page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: new RegExp(customer.name) });
const thread = () => page.getByRole("region", { name: `Conversation with ${customer.name}` });
const contactPanel = () => page.getByRole("complementary", { name: "Contact" });
const composer = () => page.getByLabel("Message", { exact: true });

/** A reload or a navigation outside the SPA drops this marker: what follows must arrive live. */
const markPage = () =>
  page.evaluate(() => {
    (window as unknown as { storyPage: boolean }).storyPage = true;
  });
const stillMarked = () => page.evaluate(() => (window as unknown as { storyPage?: boolean }).storyPage);

let stripeWebhookUrl = "";

describe("the whole story: from a WhatsApp message to a won deal", () => {
  it("signs up and connects WhatsApp and Stripe through the settings", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Casa do Barista",
      name: "Otávio Lima",
      email: `otavio.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    await page.getByRole("heading", { name: "No conversations yet" }).waitFor();
    await page.getByRole("link", { name: "Connect a channel" }).click();

    await connectIntegration(page, "WhatsApp", "WhatsApp loja", {
      "Phone number ID": whatsapp.config.phoneNumberId,
      "Access token": whatsapp.config.accessToken,
      "App secret": whatsapp.config.appSecret,
      "Verify token": whatsapp.config.verifyToken,
    });
    await connectIntegration(page, "Stripe", "Stripe", {
      "Secret key": stripe.config.secretKey,
      "Webhook signing secret": stripe.config.webhookSecret,
    });
    await integrationItem(page, "Stripe").getByText("Active", { exact: true }).waitFor();
    stripeWebhookUrl = await integrationItem(page, "Stripe")
      .getByRole("textbox", { name: "Webhook URL" })
      .inputValue();
    expect(stripeWebhookUrl).toMatch(new RegExp(`^${session.api.baseUrl}/webhooks/stripe/[0-9a-f-]{36}$`));

    await mainNav("Inbox").click();
    await page.getByRole("heading", { name: "No conversations yet" }).waitFor();
  });

  it("shows the customer's signed WhatsApp message in the open inbox without a reload", async () => {
    await markPage();
    const webhook = whatsAppTextWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: customer.waId,
      name: customer.name,
      text: question,
    });
    const response = await postWebhook(
      `${session.api.baseUrl}/webhooks/whatsapp`,
      whatsapp.signedWebhook(webhook),
    );
    expect(response.status).toBe(200);

    await customerRow().getByText(question).waitFor();
    expect(await stillMarked()).toBe(true);
    await customerRow().click();
    await thread().getByText(question).waitFor();
  });

  it("replies, and the WhatsApp provider receives the reply for the customer", async () => {
    await composer().fill(answer);
    await composer().press("Enter");
    await expect.poll(() => whatsapp.sent.map((sent) => sent.text)).toContain(answer);
    expect(whatsapp.sent.find((sent) => sent.text === answer)?.to).toBe(customer.waId);
    await thread()
      .getByRole("listitem")
      .filter({ hasText: answer })
      .getByRole("img", { name: "Sent" })
      .waitFor();
  });

  it("creates a deal from the conversation's contact panel", async () => {
    await contactPanel().getByRole("button", { name: "Create deal" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(customer.name).waitFor();
    await dialog.getByLabel("Title").fill(dealTitle);
    await dialog.getByLabel("Value").fill("649.90");
    await dialog.getByRole("button", { name: "Create deal" }).click();
    await dialog.waitFor({ state: "detached" });
    await contactPanel().getByRole("link", { name: dealTitle }).waitFor();
  });

  it("drags the deal with the mouse to another stage of the board", async () => {
    await mainNav("Deals").click();
    const newLead = page.getByRole("region", { name: "New lead" });
    const proposal = page.getByRole("region", { name: "Proposal" });
    const card = newLead.getByRole("listitem").filter({ hasText: dealTitle });
    await card.waitFor();

    const saved = page.waitForResponse(
      (response) => response.url().includes("deals.update") && response.ok(),
    );
    await drag(page, card.getByText(customer.name), proposal);
    await proposal.getByRole("listitem").filter({ hasText: dealTitle }).waitFor();
    await saved;
    expect(await newLead.getByRole("listitem").filter({ hasText: dealTitle }).count()).toBe(0);
  });

  it("sends a Stripe payment link into the conversation, and the customer gets it on WhatsApp", async () => {
    await mainNav("Inbox").click();
    await customerRow().click();
    await thread().getByText(answer).waitFor();
    await contactPanel().getByRole("button", { name: "Send payment link" }).click();

    const dialog = page.getByRole("dialog", { name: "Send a payment link" });
    expect(await dialog.getByLabel("Amount").inputValue()).toBe("649.90");
    await dialog.getByRole("button", { name: "Create and send" }).click();
    await dialog.getByText(/Link ready; the message with it is being sent to the customer\./).waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();

    const checkouts = [...stripe.sessions.values()];
    expect(checkouts.map((checkout) => checkout.amount_total)).toEqual([64990]);
    const link = checkouts[0]?.url ?? "";
    expect(link).not.toBe("");
    await expect
      .poll(() => whatsapp.sent.filter((sent) => sent.text.includes(link)).map((sent) => sent.to))
      .toEqual([customer.waId]);
    await thread().getByRole("listitem").filter({ hasText: link }).waitFor();
    await screenshot(page, "story-inbox-payment-link");
  });

  it("a signed checkout.session.completed webhook shows the deal won on its open page", async () => {
    await contactPanel().getByRole("link", { name: dealTitle }).click();
    await page.getByRole("heading", { name: dealTitle, level: 1 }).waitFor();
    const payments = page.getByRole("list", { name: "Payments" });
    await payments.getByText("Pending", { exact: true }).waitFor();
    await page.getByRole("list", { name: "Activity" }).getByText("Moved from New lead to Proposal").waitFor();
    await page.getByRole("button", { name: "Mark as won" }).waitFor();
    expect(await page.getByRole("button", { name: "Reopen" }).count()).toBe(0);
    expect(await page.getByText("Won", { exact: true }).count()).toBe(0);
    await markPage();

    const [checkout] = [...stripe.sessions.values()];
    if (!checkout) throw new Error("no checkout session was created");
    const paid = stripe.signedWebhook(stripe.event("checkout.session.completed", stripe.pay(checkout.id)));
    expect((await postWebhook(stripeWebhookUrl, paid)).status).toBe(200);

    await payments.getByText("Paid", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText("Won", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    await page
      .getByRole("list", { name: "Activity" })
      .getByText("Marked as won when the payment was received")
      .waitFor();
    expect(await stillMarked()).toBe(true);
    await screenshot(page, "story-deal-won");
  });
});
