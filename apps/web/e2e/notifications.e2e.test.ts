import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import {
  type BrowserSession,
  connectIntegration,
  expectAccessible,
  openPage,
  signUp,
  startBrowserSession,
} from "./session";

let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
/** Ana, the owner, in English. */
let ana: Page;
/** Carlos, an agent, in Portuguese, in two tabs of one browser. */
let carlosContext: BrowserContext;
let carlos: Page;
let carlosOtherTab: Page;

const customer = { name: "Maria Oliveira", waId: "5511912345678" };
let conversationId = "";

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "en-US",
  });
  ana = session.page;
});

afterAll(async () => {
  await carlosContext?.close();
  await session?.close();
  await whatsapp?.close();
  await smtp?.close();
});

const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

/** A REST call with the page's own session cookie. */
function call<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
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

/** The bell, found by its label, which carries the unread count. */
const bell = (page: Page, label: string) => page.getByRole("button", { name: label, exact: true });

describe("notifications in the bell", () => {
  it("sets up Ana's shop with WhatsApp, a customer's conversation and Carlos, an agent", async () => {
    await signUp(ana, session.api.baseUrl, {
      organizationName: "Empório Serra",
      name: "Ana Ribeiro",
      email: unique("ana"),
      password: "correct horse battery",
    });
    await ana.goto(url("/settings/integrations"));
    await connectIntegration(ana, "WhatsApp", "WhatsApp loja", {
      "Phone number ID": whatsapp.config.phoneNumberId,
      "Access token": whatsapp.config.accessToken,
      "App secret": whatsapp.config.appSecret,
      "Verify token": whatsapp.config.verifyToken,
    });
    const webhook = whatsAppTextWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: customer.waId,
      name: customer.name,
      text: "Bom dia! Vocês entregam em Campinas?",
    });
    expect((await postWebhook(url("/webhooks/whatsapp"), whatsapp.signedWebhook(webhook))).status).toBe(200);

    const carlosEmail = unique("carlos");
    expect((await call(ana, "POST", "/users", { email: carlosEmail, role: "agent" })).status).toBe(201);
    const token = (await smtp.waitFor(carlosEmail)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
    ({ context: carlosContext, page: carlos } = await openPage(session.browser, "pt-BR"));
    await carlos.goto(url(`/accept-invitation?token=${token}`));
    await carlos.locator("input[autocomplete=name]").fill("Carlos Pereira");
    await carlos.locator("input[autocomplete=new-password]").fill("correct horse battery");
    await carlos.locator("button[type=submit]").click();
    await carlos.waitForURL("**/inbox");

    const list = await call<{ items: Array<{ id: string }> }>(ana, "GET", "/conversations");
    conversationId = list.body.items[0]?.id ?? "";
    expect(conversationId).not.toBe("");
  });

  it("counts up live in Carlos's bell when Ana assigns him the conversation and mentions him in a note", async () => {
    await bell(carlos, "Notificações").waitFor();
    // a reload would drop this marker: the count must come over the realtime socket
    await carlos.evaluate(() => {
      (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
    });

    const carlosId = (await call<{ user: { id: string } }>(carlos, "GET", "/auth/me")).body.user.id;
    const assigned = await call(ana, "PATCH", `/conversations/${conversationId}`, { assignedTo: carlosId });
    expect(assigned.status).toBe(200);
    await bell(carlos, "Notificações, 1 não lida").waitFor();

    // Ana writes a note, picking Carlos from the suggestions as she types his first name
    await ana.goto(url(`/inbox/${conversationId}`));
    await ana.getByRole("checkbox", { name: "Private note" }).check();
    const composer = ana.getByLabel("Message", { exact: true });
    await composer.pressSequentially("@car");
    await ana
      .getByRole("listbox", { name: "Team members" })
      .getByRole("option", { name: /Carlos Pereira/ })
      .waitFor();
    expect(await composer.getAttribute("aria-activedescendant")).toBe(
      await ana.getByRole("option", { name: /Carlos Pereira/ }).getAttribute("id"),
    );
    await screenshot(ana, "notifications-00-mention-suggestions");
    await composer.press("Enter");
    expect(await composer.inputValue()).toBe("@Carlos Pereira ");
    await composer.pressSequentially("pode ligar para ela?");
    await composer.press("Enter");
    await ana.getByRole("status").getByText("Notified: Carlos Pereira.").waitFor();
    await expectAccessible(ana, "notifications-00-mention-notice");

    await bell(carlos, "Notificações, 2 não lidas").waitFor();
    expect(
      await carlos.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
    ).toBe(true);
  });

  it("says who did what in Carlos's language; opening one lands on the conversation and counts down", async () => {
    await bell(carlos, "Notificações, 2 não lidas").click();
    const panel = carlos.getByRole("dialog", { name: "Notificações" });
    const items = panel.getByRole("list", { name: "Notificações mais recentes" }).getByRole("listitem");
    await expect
      .poll(() => items.allInnerTexts())
      .toEqual([
        expect.stringContaining("Ana Ribeiro mencionou você em uma nota na conversa com Maria Oliveira"),
        expect.stringContaining("Ana Ribeiro atribuiu a você a conversa com Maria Oliveira"),
      ]);
    await expectAccessible(carlos, "notifications-01-panel");

    await panel.getByRole("link", { name: /atribuiu a você a conversa com Maria Oliveira/ }).click();
    await carlos.waitForURL(`**/inbox/${conversationId}`);
    await panel.waitFor({ state: "detached" });
    await carlos.getByRole("region", { name: `Conversa com ${customer.name}` }).waitFor();
    await bell(carlos, "Notificações, 1 não lida").waitFor();
  });

  it("closes with Escape, handing focus back to the bell", async () => {
    await bell(carlos, "Notificações, 1 não lida").focus();
    await carlos.keyboard.press("Enter");
    const panel = carlos.getByRole("dialog", { name: "Notificações" });
    await panel.waitFor();
    await carlos.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    // Radix hands focus back in a timeout after the panel is gone, so it may come a moment later
    await expect
      .poll(() => carlos.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Notificações, 1 não lida");
  });

  it("marks all read in one tab and the other tab's bell follows without a reload", async () => {
    carlosOtherTab = await carlosContext.newPage();
    await carlosOtherTab.goto(url("/contacts"));
    await bell(carlosOtherTab, "Notificações, 1 não lida").waitFor();

    await bell(carlos, "Notificações, 1 não lida").click();
    const markAll = carlos.getByRole("dialog").getByRole("button", { name: "Marcar todas como lidas" });
    await markAll.click();
    await expect.poll(() => markAll.isDisabled()).toBe(true);
    // while the panel is open the page behind it, the bell included, is hidden from the accessibility tree
    await carlos.keyboard.press("Escape");
    await bell(carlos, "Notificações").waitFor();
    await bell(carlosOtherTab, "Notificações").waitFor();
    expect(await carlosOtherTab.getByRole("button", { name: /não lida/ }).count()).toBe(0);
  });

  it("fits a phone: the bell sits in the header and the list opens below it", async () => {
    await carlos.setViewportSize({ width: 390, height: 844 });
    await bell(carlos, "Notificações").click();
    const panel = carlos.getByRole("dialog", { name: "Notificações" });
    await panel
      .getByRole("link", { name: /Maria Oliveira/ })
      .first()
      .waitFor();
    const box = await panel.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await carlos.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await expectAccessible(carlos, "notifications-02-phone");
    await carlos.keyboard.press("Escape");
  });
});
