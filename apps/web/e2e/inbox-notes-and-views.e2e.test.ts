import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  connectWhatsApp,
  openPage,
  registerOwner,
  restAs,
  startBrowserSession,
} from "./session";

// What QA found in the inbox as a Brazilian support team: a note's draft, a send cut by a reload, an agent with
// nothing open, viewers in the Assign menu and the focus after Try again.

let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
/** Joana, the owner. */
let page: Page;
let ownerToken = "";
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
const noteBox = (target: Page) => target.getByRole("checkbox", { name: "Nota privada" });
/** A send, batched with whatever else went at the same moment (the end of "typing"). */
const sendRequests = (address: URL) => address.pathname.includes("conversations.sendMessage");

/** Invites someone with this role and accepts the invitation in a browser profile of their own. */
async function member(
  name: string,
  role: "agent" | "viewer",
): Promise<{ context: BrowserContext; page: Page }> {
  const email = unique(name.split(" ")[0]?.toLowerCase() ?? "member");
  await rest("POST", "/users", { email, role });
  const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  const opened = await openPage(session.browser, "pt-BR");
  await opened.page.goto(url(`/accept-invitation?token=${token}`));
  await opened.page.locator("input[autocomplete=name]").fill(name);
  await opened.page.locator("input[autocomplete=new-password]").fill(password);
  await opened.page.locator("button[type=submit]").click();
  await opened.page.waitForURL("**/inbox");
  return opened;
}

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "pt-BR",
  });
  page = session.page;
  ownerToken = (await registerOwner(session, { organizationName: "Suporte Tucano", name: "Joana Ribeiro" }))
    .token;
  await connectWhatsApp(session, ownerToken, whatsapp, "WhatsApp suporte");
  const webhook = whatsAppTextWebhook({
    phoneNumberId: whatsapp.config.phoneNumberId,
    from: customer.waId,
    name: customer.name,
    text: "Meu pedido ainda não chegou.",
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
  ({ context: carlosContext, page: carlos } = await member("Carlos Pereira", "agent"));
  await (await member("Vera Lima", "viewer")).context.close();
});

afterAll(async () => {
  await carlosContext?.close();
  await session?.close();
  await whatsapp?.close();
  await smtp?.close();
});

describe("the inbox, as a Brazilian support team found it", () => {
  it("brings a private note's draft back as a private note, so Enter does not send it to the customer", async () => {
    await page.goto(url(`/inbox/${conversationId}`));
    await thread(page).getByText("Meu pedido ainda não chegou.").waitFor();
    await noteBox(page).check();
    await composer(page).fill("nota interna: cliente VIP");
    await page.reload();
    await thread(page).getByText("Meu pedido ainda não chegou.").waitFor();
    expect(await composer(page).inputValue()).toBe("nota interna: cliente VIP");
    expect(await noteBox(page).isChecked()).toBe(true);

    await composer(page).press("Enter");
    await thread(page).getByText("nota interna: cliente VIP").waitFor();
    await expect.poll(() => composer(page).inputValue()).toBe("");
    expect(whatsapp.sent.map((message) => message.text)).not.toContain("nota interna: cliente VIP");
  });

  it("brings a draft saved before drafts knew their kind back as a note, never as a reply", async () => {
    await page.evaluate(
      (id) => localStorage.setItem(`crm.inbox.draft.${id}`, "nota antiga: pediu desconto"),
      conversationId,
    );
    await page.reload();
    await thread(page).getByText("Meu pedido ainda não chegou.").waitFor();
    expect(await composer(page).inputValue()).toBe("nota antiga: pediu desconto");
    expect(await noteBox(page).isChecked()).toBe(true);
    await composer(page).fill("");
    await noteBox(page).uncheck();
  });

  it("does not offer a reply again after a reload while it was being sent, and keeps it when the send fails", async () => {
    let held: Route | undefined;
    await page.route(sendRequests, (route) => {
      held = route;
    });
    await composer(page).fill("Seu pedido sai hoje.");
    await composer(page).press("Enter");
    await expect.poll(() => held !== undefined).toBe(true);
    await page.reload();
    await thread(page).getByText("Meu pedido ainda não chegou.").waitFor();
    expect(await composer(page).inputValue()).toBe("");
    await page.unroute(sendRequests);
    await held?.abort().catch(() => undefined);

    // refused by the server (over WhatsApp's 4,096 characters): nothing was sent, the draft comes back
    const tooLong = "Seu pedido sai amanhã. ".repeat(200).trim();
    await composer(page).fill(tooLong);
    await composer(page).press("Enter");
    await thread(page).getByRole("alert").waitFor();
    await page.reload();
    await thread(page).getByText("Meu pedido ainda não chegou.").waitFor();
    expect(await composer(page).inputValue()).toBe(tooLong);
    expect(await noteBox(page).isChecked()).toBe(false);
    await composer(page).fill("");
  });

  it("keeps the focus in the thread once Tentar de novo has sent a failed message again", async () => {
    whatsapp.failNext(401);
    const text = "Pode confirmar o endereço de entrega?";
    await composer(page).fill(text);
    await composer(page).press("Enter");
    const retry = thread(page).getByRole("button", { name: "Tentar de novo" });
    await retry.waitFor();
    await retry.click();
    await retry.waitFor({ state: "detached" });
    await expect.poll(() => whatsapp.sent.map((message) => message.text)).toContain(text);
    const inThread = () =>
      thread(page).evaluate(
        (region) => document.activeElement !== document.body && region.contains(document.activeElement),
      );
    await expect.poll(inThread).toBe(true);
  });

  it("offers only members who can answer in Atribuir: no viewer", async () => {
    await page
      .getByRole("group", { name: "Ações da conversa" })
      .getByRole("button", { name: "Atribuir", exact: true })
      .click();
    await page.getByRole("menuitem", { name: "Carlos Pereira" }).waitFor();
    expect(await page.getByRole("menuitem", { name: "Vera Lima" }).count()).toBe(0);
    await page.keyboard.press("Escape");
  });

  it("shows an agent with nothing open the filters and the way to closed conversations, not an empty organization", async () => {
    // Joana's replies made it hers: nobody's again, so that Carlos may see it
    await rest("PATCH", `/conversations/${conversationId}`, { status: "closed", assignedTo: null });
    await carlos.goto(url("/inbox"));
    await carlos.getByText("Nenhuma conversa aberta.").waitFor();
    expect(await carlos.getByText("Nenhuma conversa ainda").count()).toBe(0);
    await carlos
      .getByRole("searchbox", { name: "Buscar mensagens" })
      .or(carlos.getByLabel("Buscar mensagens"))
      .first()
      .waitFor();
    await carlos.getByLabel("Situação").waitFor();
    await carlos.getByRole("button", { name: "Ver conversas encerradas" }).click();
    await carlos
      .getByRole("link", { name: new RegExp(customer.name) })
      .first()
      .waitFor();
  });
});
