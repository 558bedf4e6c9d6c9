import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  connectWhatsApp,
  openPage,
  registerOwner,
  restAs,
  startBrowserSession,
} from "./session";

// What QA found in the inbox as a shop owner and her agent see it in Portuguese.

let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
/** Joana, the owner. */
let page: Page;
let ownerToken = "";
let ownerId = "";
/** Carlos, an agent, in his own browser profile. */
let carlosContext: BrowserContext;
let carlos: Page;
let conversationId = "";

const password = "correct horse battery";
const customer = { name: "Carla Mendes", waId: "5511955554444" };
const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, ownerToken, method, path, body);

const thread = (target: Page) => target.getByRole("region", { name: `Conversa com ${customer.name}` });
const composer = (target: Page) => target.getByLabel("Mensagem", { exact: true });
const actions = (target: Page) => target.getByRole("group", { name: "Ações da conversa" });
/** Whether the element has the keyboard focus; polled, since focus comes back once the update is done. */
const hasFocus = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
/** The line under the contact's name in the thread's header: phone, assignee, snooze. */
const headerLine = (target: Page) => thread(target).locator("header p").first();

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "pt-BR",
  });
  page = session.page;
  ownerToken = (
    await registerOwner(session, { organizationName: "Doceria Flor de Lis", name: "Joana Ribeiro" })
  ).token;
  ownerId = (await rest<{ user: { id: string } }>("GET", "/auth/me")).user.id;
  await connectWhatsApp(session, ownerToken, whatsapp);
  const webhook = whatsAppTextWebhook({
    phoneNumberId: whatsapp.config.phoneNumberId,
    from: customer.waId,
    name: customer.name,
    text: "Oi! Vocês fazem bolo de aniversário para sábado?",
  });
  expect((await postWebhook(url("/webhooks/whatsapp"), whatsapp.signedWebhook(webhook))).status).toBe(200);
  // the webhook is processed in the background
  for (let tries = 0; ; tries++) {
    const items = (await rest<{ items: Array<{ id: string }> }>("GET", "/conversations")).items;
    if (items[0]) {
      conversationId = items[0].id;
      break;
    }
    if (tries === 100) throw new Error("the conversation did not appear");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const carlosEmail = unique("carlos");
  await rest("POST", "/users", { email: carlosEmail, role: "agent" });
  const token = (await smtp.waitFor(carlosEmail)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  ({ context: carlosContext, page: carlos } = await openPage(session.browser, "pt-BR"));
  await carlos.goto(url(`/accept-invitation?token=${token}`));
  await carlos.locator("input[autocomplete=name]").fill("Carlos Pereira");
  await carlos.locator("input[autocomplete=new-password]").fill(password);
  await carlos.locator("button[type=submit]").click();
  await carlos.waitForURL("**/inbox");
});

afterAll(async () => {
  await carlosContext?.close();
  await session?.close();
  await whatsapp?.close();
  await smtp?.close();
});

describe("the inbox, as QA found it in Portuguese", () => {
  it("says a reply over WhatsApp's limit is too long, with the limit and the count, and keeps the text", async () => {
    await page.goto(url(`/inbox/${conversationId}`));
    await thread(page).getByText("Oi! Vocês fazem bolo de aniversário para sábado?").waitFor();
    const text = "Bolo de chocolate com morango. ".repeat(140); // 4,340 characters
    await composer(page).fill(text);
    await composer(page).press("Enter");

    const alert = thread(page).getByRole("alert");
    await alert
      .getByText(
        `Uma mensagem do WhatsApp aceita no máximo 4.096 caracteres, e esta tem ${new Intl.NumberFormat("pt-BR").format(text.trim().length)}.`,
        { exact: false },
      )
      .waitFor();
    expect(await alert.textContent()).not.toContain("Confira os campos destacados");
    expect(await composer(page).getAttribute("aria-invalid")).toBe("true");
    expect(await composer(page).inputValue()).toBe(text);
    expect(whatsapp.sent).toEqual([]);
    await composer(page).fill("");
  });

  it("keeps the focus on Atribuir after choosing someone with the mouse or the keyboard", async () => {
    const assign = actions(page).getByRole("button", { name: "Atribuir", exact: true });
    await assign.click();
    await page.getByRole("menuitem", { name: "Atribuir a mim" }).click();
    await expect.poll(() => headerLine(page).textContent()).toContain("Atribuída a Joana Ribeiro");
    await expect.poll(() => hasFocus(assign)).toBe(true);

    await page.keyboard.press("Enter");
    const carlosItem = page.getByRole("menuitem", { name: "Carlos Pereira" });
    await carlosItem.waitFor();
    // the keyboard opens the menu on its first item: down to Carlos
    for (let presses = 0; presses < 5 && !(await hasFocus(carlosItem)); presses++) {
      await page.keyboard.press("ArrowDown");
    }
    expect(await hasFocus(carlosItem)).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => headerLine(page).textContent()).toContain("Atribuída a Carlos Pereira");
    await expect.poll(() => hasFocus(assign)).toBe(true);
  });

  it("puts the focus on Adiar, which takes Reabrir's place, once the conversation is reopened", async () => {
    await actions(page).getByRole("button", { name: "Encerrar" }).click();
    const reopen = actions(page).getByRole("button", { name: "Reabrir" });
    await reopen.waitFor();
    await reopen.focus();
    await page.keyboard.press("Enter");
    const snooze = actions(page).getByRole("button", { name: "Adiar" });
    await snooze.waitFor();
    await expect.poll(() => hasFocus(snooze)).toBe(true);
  });

  it("when the open conversation is taken from Carlos, names the new assignee in the header too and drops the old error", async () => {
    const carlosId = (
      await carlos.evaluate(
        async () => (await (await fetch("/api/v1/auth/me")).json()) as { user: { id: string } },
      )
    ).user.id;
    await rest("PATCH", `/conversations/${conversationId}`, { assignedTo: carlosId });
    await carlos.goto(url(`/inbox/${conversationId}`));
    await expect.poll(() => headerLine(carlos).textContent()).toContain("Atribuída a Carlos Pereira");
    const draft = "x".repeat(4100);
    await composer(carlos).fill(draft);
    await composer(carlos).press("Enter");
    // the refusal (whatever its words) stands above his composer
    await thread(carlos).getByRole("alert").waitFor();

    await rest("PATCH", `/conversations/${conversationId}`, { assignedTo: ownerId });
    await thread(carlos)
      .getByText("Esta conversa foi atribuída a Joana Ribeiro; você não pode mais vê-la.")
      .waitFor();
    await expect.poll(() => headerLine(carlos).textContent()).toContain("Atribuída a Joana Ribeiro");
    expect(await headerLine(carlos).textContent()).not.toContain("Carlos Pereira");
    await expect.poll(() => thread(carlos).getByRole("alert").count()).toBe(0);
    expect(await composer(carlos).isDisabled()).toBe(true);
    expect(await composer(carlos).inputValue()).toBe(draft);
  });

  it("opening the old 'assigned to you' notification after a reload says neutrally that he has no access", async () => {
    // Joana took it from him (the test before); his page starts over, so no realtime event has said so
    await rest("PATCH", `/conversations/${conversationId}`, { assignedTo: ownerId });
    await carlos.goto(url("/contacts"));
    await carlos.getByRole("button", { name: /^Notificações/ }).click();
    const panel = carlos.getByRole("dialog", { name: "Notificações" });
    await panel
      .getByRole("link", { name: /atribuiu a você a conversa com Carla Mendes/ })
      .first()
      .click();
    await carlos.waitForURL(`**/inbox/${conversationId}`);
    await carlos.getByText("Você não tem acesso a esta conversa, ou ela foi apagada.").waitFor();
    expect(await carlos.getByText("Este registro não existe mais").count()).toBe(0);
    await carlos.getByRole("link", { name: "Todas as conversas" }).first().waitFor();
  });
});
