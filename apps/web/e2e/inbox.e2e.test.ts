import {
  type FakeWhatsApp,
  onePixelPng,
  postWebhook,
  startFakeWhatsApp,
  whatsAppMediaWebhook,
  whatsAppStatusWebhook,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, openPage, startBrowserSession } from "./session";

let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "en-US",
  });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await whatsapp?.close();
  await smtp?.close();
});

const url = (path: string) => `${session.api.baseUrl}${path}`;

const customer = { name: "Beatriz Souza", waId: "5511987654321" };
const firstMessage = "Olá! Vocês têm o café especial em grãos?";
const reply = "Temos sim! Quer que eu mande o orçamento?";
const dealTitle = "Café especial: 10 kg";

const conversations = () => page.getByRole("list", { name: "Conversations" });
const customerRow = () => conversations().getByRole("link", { name: new RegExp(customer.name) });
const thread = () => page.getByRole("region", { name: `Conversation with ${customer.name}` });
const composer = () => page.getByLabel("Message", { exact: true });

/** A call to the REST API as the owner's page makes one: its session cookie, its origin. */
function asOwner<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
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

function inbound(text: string) {
  return postWebhook(
    `${session.api.baseUrl}/webhooks/whatsapp`,
    whatsapp.signedWebhook(
      whatsAppTextWebhook({
        phoneNumberId: whatsapp.config.phoneNumberId,
        from: customer.waId,
        name: customer.name,
        text,
      }),
    ),
  );
}

describe("answering a customer from the inbox", () => {
  it("signs up, connects WhatsApp and waits in the empty inbox", async () => {
    await page.goto(url("/signup"));
    await page.getByLabel("Company name").fill("Torrefação Serra Azul");
    await page.getByLabel("Your name").fill("Júlia Campos");
    await page.getByLabel("Work email").fill(`julia.${Date.now()}@example.com`);
    await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/inbox");
    await page.getByRole("heading", { name: "No conversations yet" }).waitFor();

    await page.getByRole("link", { name: "Connect a channel" }).click();
    await page.getByRole("button", { name: "Connect WhatsApp" }).click();
    const dialog = page.getByRole("dialog", { name: "Connect WhatsApp" });
    await dialog.getByLabel("Name", { exact: true }).fill("WhatsApp loja");
    await dialog.getByLabel("Phone number ID", { exact: true }).fill(whatsapp.config.phoneNumberId);
    await dialog.getByLabel("Access token", { exact: true }).fill(whatsapp.config.accessToken);
    await dialog.getByLabel("App secret", { exact: true }).fill(whatsapp.config.appSecret);
    await dialog.getByLabel("Verify token", { exact: true }).fill(whatsapp.config.verifyToken);
    await dialog.getByRole("button", { name: "Connect", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
    await page.getByRole("heading", { name: "No conversations yet" }).waitFor();
  });

  it("shows a signed inbound webhook in the open inbox without a reload", async () => {
    // A reload would drop this marker: the message must arrive over the realtime socket.
    await page.evaluate(() => {
      (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
    });
    const response = await inbound(firstMessage);
    expect(response.status).toBe(200);

    const row = customerRow();
    await row.waitFor();
    await row.getByText("1 unread").waitFor();
    await row.getByText(firstMessage).waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
    ).toBe(true);

    await row.click();
    await thread().getByText(firstMessage).waitFor();
    await expect.poll(() => row.getByText("1 unread").count()).toBe(0);
  });

  it("replies with Enter, the provider receives it and the ticks follow its status", async () => {
    // nobody's yet: the reply makes it hers, as the composer says, and the header follows without a reload
    const takes = thread().getByText("Replying assigns this conversation to you.");
    await takes.waitFor();
    await composer().fill(`${reply.slice(0, 10)}`);
    await composer().press("Shift+Enter");
    expect(await composer().inputValue()).toBe(`${reply.slice(0, 10)}\n`);
    await composer().fill(reply);
    await composer().press("Enter");

    await expect.poll(() => whatsapp.sent.map((sent) => sent.text), { timeout: 15_000 }).toContain(reply);
    const sent = whatsapp.sent.find((message) => message.text === reply);
    expect(sent?.to).toBe(customer.waId);
    // the composer clears when the API answers, which may come after the send job reached the provider
    await expect.poll(() => composer().inputValue()).toBe("");
    await thread().getByText("Assigned to Júlia Campos").waitFor();
    await takes.waitFor({ state: "detached" });

    const bubble = thread().getByRole("listitem").filter({ hasText: reply });
    await bubble.getByRole("img", { name: "Sent" }).waitFor();
    for (const [status, label] of [
      ["delivered", "Delivered"],
      ["read", "Read"],
    ] as const) {
      const webhook = whatsAppStatusWebhook({
        phoneNumberId: whatsapp.config.phoneNumberId,
        messageId: sent?.id ?? "",
        recipient: customer.waId,
        status,
      });
      expect(
        (await postWebhook(`${session.api.baseUrl}/webhooks/whatsapp`, whatsapp.signedWebhook(webhook)))
          .status,
      ).toBe(200);
      await bubble.getByRole("img", { name: label }).waitFor();
    }
  });

  it("shows the customer's photo, served by the API behind the session", async () => {
    const webhook = whatsAppMediaWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: customer.waId,
      mediaId: whatsapp.addMedia(onePixelPng, "image/png"),
      kind: "image",
      mimeType: "image/png",
      caption: "Foto do pacote",
    });
    const posted = await postWebhook(
      `${session.api.baseUrl}/webhooks/whatsapp`,
      whatsapp.signedWebhook(webhook),
    );
    expect(posted.status).toBe(200);
    const image = thread().getByRole("img", { name: "Foto do pacote" });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    expect(await image.getAttribute("src")).toMatch(/\/api\/v1\/messages\/[0-9a-f-]{36}\/media$/);
  });

  it("keeps private notes apart from the customer and keeps a draft across a reload", async () => {
    await page.getByRole("checkbox", { name: "Private note" }).check();
    await composer().fill("Cliente recorrente, oferecer frete grátis");
    await composer().press("Enter");
    const note = thread().getByRole("listitem").filter({ hasText: "Cliente recorrente" });
    await note.getByText("Private note").waitFor();
    expect(whatsapp.sent.some((message) => message.text.includes("Cliente recorrente"))).toBe(false);
    await page.getByRole("checkbox", { name: "Private note" }).uncheck();

    await composer().fill("Segue o orçamento em anexo");
    await page.reload();
    await thread().waitFor();
    expect(await composer().inputValue()).toBe("Segue o orçamento em anexo");
    await composer().fill("");
  });

  it("shows the list, the thread and the contact side by side with no serious axe violations", async () => {
    const panel = page.getByRole("complementary", { name: "Contact" });
    await panel.getByText(customer.name).first().waitFor();
    await panel.getByText("No deals with this contact yet.").waitFor();
    await expectAccessible(page, "inbox");
  });

  it("opens the contact, its deals and payment links over the thread on a phone", async () => {
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      expect(await page.getByRole("complementary", { name: "Contact" }).isVisible()).toBe(false);
      await page.getByRole("button", { name: "Contact", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Contact" });
      await dialog.getByText(customer.name).first().waitFor();
      await dialog.getByRole("button", { name: "Create deal" }).waitFor();
      await expectAccessible(page, "inbox-contact-on-a-phone");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      // opened, then the window widened to where the panel sits beside the thread: shown once, beside it
      await page.getByRole("button", { name: "Contact", exact: true }).click();
      await dialog.waitFor();
      await page.setViewportSize({ width: 1400, height: 900 });
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("complementary", { name: "Contact" }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole("button", { name: "Contact", exact: true }).waitFor();
      expect(await dialog.count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  });

  it("finds a message by search and opens its conversation", async () => {
    await page.getByLabel("Search messages").fill("grãos");
    const result = page.getByRole("link", { name: /grãos/ });
    await result.locator("mark", { hasText: "grãos" }).waitFor();
    const relevance = page.getByRole("button", { name: "Most relevant" });
    await relevance.click();
    await page.locator('button[aria-pressed="true"]', { hasText: "Most relevant" }).waitFor();
    await result.locator("mark", { hasText: "grãos" }).waitFor();
    await result.click();
    await thread().getByText(firstMessage).waitFor();
    await page.getByLabel("Search messages").fill("");
    await conversations().waitFor();
  });

  it("creates a deal from the conversation and finds it on the board", async () => {
    const panel = page.getByRole("complementary", { name: "Contact" });
    await panel.getByRole("button", { name: "Create deal" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(customer.name).waitFor();
    await dialog.getByLabel("Title").fill(dealTitle);
    await dialog.getByLabel("Value").fill("890");
    await dialog.getByRole("button", { name: "Create deal" }).click();
    await dialog.waitFor({ state: "detached" });
    await panel.getByRole("link", { name: dealTitle }).waitFor();
    await panel.getByRole("button", { name: "Send payment link" }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deals" }).click();
    await page
      .getByRole("region", { name: "New lead" })
      .getByRole("listitem")
      .filter({ hasText: dealTitle })
      .waitFor();
  });

  it("shows the conversation on the contact's timeline with its status in the reader's language", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("table", { name: "Contacts" }).getByRole("link", { name: customer.name }).click();
    await page.getByRole("heading", { name: customer.name, level: 1 }).waitFor();
    const entry = page.getByRole("listitem").filter({ hasText: "Conversation on WhatsApp" });
    await entry.getByText("Open", { exact: true }).waitFor();
    await page.evaluate(() => window.localStorage.setItem("crm.locale", "pt-BR"));
    try {
      await page.reload();
      const conversa = page.getByRole("listitem").filter({ hasText: "Conversa no WhatsApp" });
      await conversa.getByText("Aberta", { exact: true }).waitFor();
      expect(await conversa.getByText("open", { exact: true }).count()).toBe(0);
    } finally {
      await page.evaluate(() => window.localStorage.setItem("crm.locale", "en"));
      await page.reload();
    }
  });

  it("closes and reopens the conversation", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
    await customerRow().click();
    await thread().getByRole("button", { name: "Close" }).click();
    await thread().getByText("Closed", { exact: true }).waitFor();
    await expect.poll(() => customerRow().count()).toBe(0);
    await thread().getByRole("button", { name: "Reopen" }).click();
    await customerRow().waitFor();
  });

  it("assigns the conversation to me and finds it under Mine", async () => {
    // her reply made it hers: given back to nobody first
    await thread().getByRole("button", { name: "Assign" }).click();
    await page.getByRole("menuitem", { name: "Unassign" }).click();
    await thread().getByText("Replying assigns this conversation to you.").waitFor();
    await thread().getByRole("button", { name: "Assign" }).click();
    await page.getByRole("menuitem", { name: "Assign to me" }).click();
    await thread().getByText("Assigned to Júlia Campos").waitFor();
    // each option says how many conversations it holds, counted again once the assignment reached the list
    await page.getByLabel("Assigned to").selectOption({ label: "Mine (1)" });
    await page.waitForURL(/assignee=me/);
    await customerRow().waitFor();
    await page.getByLabel("Assigned to").selectOption({ label: "Unassigned (0)" });
    await page.getByText("No conversations match these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await customerRow().waitFor();
  });

  it("snoozes the conversation until tomorrow and wakes it by hand", async () => {
    await thread().getByRole("button", { name: "Snooze" }).click();
    await page
      .getByRole("dialog", { name: "Snooze conversation" })
      .getByRole("button", { name: "Tomorrow at 9:00" })
      .click();
    await thread().getByText("Snoozed", { exact: true }).waitFor();
    await thread()
      .getByText(/Snoozed until/)
      .waitFor();
    await expect.poll(() => customerRow().count()).toBe(0);
    await thread().getByRole("button", { name: "Reopen" }).click();
    await thread().getByText("Open", { exact: true }).waitFor();
    await customerRow().waitFor();
  });

  it("shows a message the provider refused as not delivered, and sends it again with Retry", async () => {
    whatsapp.failNext(401);
    const text = "Pode confirmar o endereço de entrega?";
    await composer().fill(text);
    await composer().press("Enter");
    const bubble = thread().getByRole("listitem").filter({ hasText: text });
    await bubble.getByRole("img", { name: "Not delivered" }).waitFor();
    expect(whatsapp.sent.some((message) => message.text === text)).toBe(false);

    await bubble.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => whatsapp.sent.map((message) => message.text)).toContain(text);
    await bubble.getByRole("img", { name: "Sent" }).waitFor();
  });

  it("explains the WhatsApp 24-hour window in words", async () => {
    const late = { name: "Rodrigo Nunes", waId: "5521998765432" };
    const twoDaysAgo = new Date(Date.now() - 48 * 60 * 60 * 1000);
    const webhook = whatsAppTextWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: late.waId,
      name: late.name,
      text: "Oi, ainda têm o moedor?",
      timestamp: twoDaysAgo,
    });
    expect(
      (await postWebhook(`${session.api.baseUrl}/webhooks/whatsapp`, whatsapp.signedWebhook(webhook))).status,
    ).toBe(200);
    await conversations()
      .getByRole("link", { name: new RegExp(late.name) })
      .click();
    const lateThread = page.getByRole("region", { name: `Conversation with ${late.name}` });
    await lateThread.getByText(/More than 24 hours have passed/).waitFor();

    await composer().fill("Temos sim!");
    await composer().press("Enter");
    await lateThread
      .getByRole("alert")
      .getByText(/WhatsApp only accepts replies within 24 hours/)
      .waitFor();
    expect(await composer().inputValue()).toBe("Temos sim!");
    expect(whatsapp.sent.some((message) => message.text === "Temos sim!")).toBe(false);
  });

  it("moves a conversation to the top as its customer writes, and reopens the window", async () => {
    const rows = conversations().getByRole("listitem");
    await expect.poll(() => rows.first().textContent()).toContain(customer.name);
    await expect.poll(() => rows.nth(1).textContent()).toContain("Rodrigo Nunes");
    // a list under the mouse holds its order (see inbox-at-scale): the agent is at the composer
    await composer().hover();

    const webhook = whatsAppTextWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: "5521998765432",
      name: "Rodrigo Nunes",
      text: "Pode me responder agora?",
      timestamp: new Date(Date.now() + 1000), // whole seconds: after the reply sent this second
    });
    expect(
      (await postWebhook(`${session.api.baseUrl}/webhooks/whatsapp`, whatsapp.signedWebhook(webhook))).status,
    ).toBe(200);
    await expect.poll(() => rows.first().textContent()).toContain("Rodrigo Nunes");
    const lateThread = page.getByRole("region", { name: "Conversation with Rodrigo Nunes" });
    await lateThread.getByText("Pode me responder agora?").waitFor();
    await expect.poll(() => lateThread.getByText(/More than 24 hours have passed/).count()).toBe(0);

    await composer().press("Enter");
    await expect.poll(() => whatsapp.sent.map((message) => message.text)).toContain("Temos sim!");
    // the reply made it hers: nobody's again for the agent who comes next
    await lateThread.getByText("Assigned to Júlia Campos").waitFor();
    await lateThread.getByRole("button", { name: "Assign" }).click();
    await page.getByRole("menuitem", { name: "Unassign" }).click();
    await lateThread.getByText("Replying assigns this conversation to you.").waitFor();
  });

  it("lets an agent take an unassigned conversation with Assign to me; when the owner takes it, tells her she can no longer see it and locks her composer", async () => {
    const email = `ana.${Date.now()}@example.com`;
    expect((await asOwner("POST", "/users", { email, role: "agent" })).status).toBe(201);
    const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
    const { context, page: ana } = await openPage(session.browser);
    try {
      await ana.goto(url(`/accept-invitation?token=${token}`));
      await ana.getByLabel("Your name").fill("Ana Lima");
      await ana.getByLabel("Password", { exact: true }).fill("correct horse battery");
      await ana.getByRole("button", { name: "Join team" }).click();
      await ana.waitForURL("**/inbox");
      // nobody's conversation, so hers to answer too
      const row = ana
        .getByRole("list", { name: "Conversations" })
        .getByRole("link", { name: /Rodrigo Nunes/ });
      await row.click();
      const anaThread = ana.getByRole("region", { name: "Conversation with Rodrigo Nunes" });
      await anaThread.getByText("Pode me responder agora?").waitFor();
      // nobody's: she takes it herself, may give it back, and takes it again; assigning others is not hers
      expect(await anaThread.getByRole("button", { name: "Assign", exact: true }).count()).toBe(0);
      await anaThread.getByRole("button", { name: "Assign to me" }).click();
      await anaThread.getByText("Assigned to Ana Lima").waitFor();
      await anaThread.getByRole("button", { name: "Unassign" }).click();
      await anaThread.getByRole("button", { name: "Assign to me" }).click();
      await anaThread.getByRole("button", { name: "Unassign" }).waitFor();
      await anaThread.getByText("Assigned to Ana Lima").waitFor();
      const anaComposer = ana.getByLabel("Message", { exact: true });
      await anaComposer.fill("Já te respondo");

      const conversationId = new URL(ana.url()).pathname.split("/").at(-1);
      const owner = await asOwner<{ user: { id: string } }>("GET", "/auth/me");
      const taken = await asOwner("PATCH", `/conversations/${conversationId}`, {
        assignedTo: owner.body.user.id,
      });
      expect(taken.status).toBe(200);

      await anaThread
        .getByText("This conversation was assigned to Júlia Campos; you can no longer see it.")
        .waitFor();
      expect(await anaComposer.isDisabled()).toBe(true);
      expect(await anaThread.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);
      await expect.poll(() => row.count()).toBe(0);
      // what she had read stays on screen, and her draft is not lost
      await anaThread.getByText("Pode me responder agora?").waitFor();
      expect(await anaComposer.inputValue()).toBe("Já te respondo");
      await expectAccessible(ana, "inbox-access-lost");
    } finally {
      await context.close();
    }
  });
});
