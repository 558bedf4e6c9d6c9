import {
  type FakeTelegram,
  type FakeWhatsApp,
  postWebhook,
  startFakeTelegram,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  connectWhatsApp,
  expectAccessible,
  openPage,
  registerOwner,
  startBrowserSession,
} from "./session";
import { telegramCustomerWrites } from "./telegram";

let telegram: FakeTelegram;
let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
let owner: { token: string };
let telegramId: string;
let agentContext: BrowserContext;
let agent: Page;

const password = "correct horse battery";
const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
/** The REST API as the owner's script calls it; any 2xx is success (a creation may answer 201 Created). */
async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url(`/api/v1${path}`), {
    method,
    headers: {
      authorization: `Bearer ${owner.token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${text}`).toBe(true);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

const maria = { firstName: "Maria", lastName: "Souza", name: "Maria Souza", chatId: 4242 };
const joao = { firstName: "João", lastName: "Batista", name: "João Batista", chatId: 5151 };
const antonia = { name: "Antônia Pereira", phone: "+5591988880013" };
const beatriz = { name: "Beatriz Costa", waId: "5591977770014" };

interface Conversation {
  id: string;
  contact: { id: string; name: string } | null;
}

async function contactIdOf(name: string): Promise<string> {
  const found = await rest<{ items: { id: string; name: string }[] }>(
    "GET",
    `/contacts?search=${encodeURIComponent(name)}`,
  );
  const id = found.items.find((contact) => contact.name === name)?.id;
  if (!id) throw new Error(`no contact ${name}`);
  return id;
}

/**
 * The customer writes to the bot once, so the CRM knows their Telegram chat; their conversation is then deleted
 * (as data retention would), which leaves them with no conversation to open but reachable on Telegram.
 */
async function wroteOnceOnTelegram(customer: typeof maria) {
  await telegramCustomerWrites(session, telegram, telegramId, customer, "Oi, vi o anúncio");
  let conversation: Conversation | undefined;
  await expect
    .poll(async () => {
      const list = await rest<{ items: Conversation[] }>("GET", "/conversations");
      conversation = list.items.find((item) => item.contact?.name === customer.name);
      return conversation !== undefined;
    })
    .toBe(true);
  await rest("DELETE", `/conversations/${conversation?.id}`);
}

const dialog = () => agent.getByRole("dialog", { name: /^Nova conversa com / });
const composer = () => agent.getByLabel("Mensagem", { exact: true });
const conversationIdInUrl = () => new URL(agent.url()).pathname.match(/^\/inbox\/([0-9a-f-]{36})$/)?.[1];

/** In the open dialog: picks the channel and starts (or opens the one there); the conversation opens in the inbox. */
async function startOn(channelName: string, button = "Iniciar conversa") {
  await dialog()
    .getByRole("radio", { name: new RegExp(channelName) })
    .check();
  await dialog().getByRole("button", { name: button }).click();
  await dialog().waitFor({ state: "detached" });
  await agent.waitForURL((address) => /^\/inbox\/[0-9a-f-]{36}$/.test(address.pathname));
}

async function writeFirstMessage(text: string) {
  await composer().fill(text);
  await agent.getByRole("button", { name: "Enviar", exact: true }).click();
  await expect.poll(() => composer().inputValue()).toBe("");
}

/** The inbox search's contact row. */
const contactRow = (name: string) =>
  agent
    .getByRole("region", { name: "Contatos" })
    .getByRole("listitem")
    .filter({ has: agent.getByText(name, { exact: true }) });

async function searchInbox(text: string) {
  await agent.goto(url("/inbox"));
  await agent.getByLabel("Buscar mensagens").fill(text);
  await agent.getByRole("heading", { name: `Mensagens com “${text}”` }).waitFor();
}

beforeAll(async () => {
  [telegram, whatsapp, smtp] = await Promise.all([startFakeTelegram(), startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { TELEGRAM_API_BASE: telegram.apiBase, WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "pt-BR",
  });
  // the owner works over the API only: the browser is the agent's
  owner = await registerOwner(session, { organizationName: "Loja da Rita", name: "Rita" }, { signIn: false });
  // Telegram refuses an http webhook URL: the integration is kept (with that error) and sends all the same
  ({ id: telegramId } = await rest<{ id: string }>("POST", "/integrations", {
    channel: "telegram",
    name: "Telegram loja",
    config: telegram.config,
  }));
  await connectWhatsApp(session, owner.token, whatsapp);
});

afterAll(async () => {
  await agentContext?.close();
  await session?.close();
  await Promise.all([telegram?.close(), whatsapp?.close(), smtp?.close()]);
});

describe("an agent starts a conversation", () => {
  let mariasConversation: string | undefined;

  it("has Maria and João, who wrote once on Telegram, Antônia with a phone, and an agent", async () => {
    await wroteOnceOnTelegram(maria);
    await wroteOnceOnTelegram(joao);
    await rest("POST", "/contacts", antonia);

    const email = unique("agent");
    await rest("POST", "/users", { email, role: "agent" });
    const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
    const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, name: "Ana Lima", password }),
    });
    const signedIn = (await accepted.json()) as { token: string };
    ({ context: agentContext, page: agent } = await openPage(session.browser, "pt-BR"));
    await agentContext.addCookies([{ name: "crm_session", value: signedIn.token, url: session.api.baseUrl }]);
  });

  it("from the contact page, on the channel that reaches the contact, and writes first", async () => {
    await agent.goto(url(`/contacts/${await contactIdOf(maria.name)}`));
    await agent.getByRole("button", { name: "Nova conversa" }).click();
    await dialog()
      .getByRole("radio", { name: /Telegram loja/ })
      .waitFor();
    // she never gave a phone: WhatsApp says why it cannot reach her
    expect(
      await dialog()
        .getByRole("radio", { name: /WhatsApp loja/ })
        .isDisabled(),
    ).toBe(true);
    await dialog().getByText("Maria Souza não tem telefone.").waitFor();
    await expectAccessible(agent, "start-conversation-dialog");

    await startOn("Telegram loja");
    mariasConversation = conversationIdInUrl();
    await agent.getByRole("region", { name: "Conversa com Maria Souza" }).waitFor();
    await writeFirstMessage("Olá Maria, seu pedido está pronto!");

    await expect
      .poll(() => telegram.sent.find((sent) => sent.text === "Olá Maria, seu pedido está pronto!")?.chatId)
      .toBe(String(maria.chatId));
    // the contact page lists it, and opens it
    await agent.goto(url(`/contacts/${await contactIdOf(maria.name)}`));
    await agent.getByRole("link", { name: "Conversa no Telegram" }).click();
    await agent.waitForURL(`**/inbox/${mariasConversation}`);
  });

  it("from the inbox search's contacts, for a customer with no conversation to open", async () => {
    await searchInbox("João");
    await contactRow(joao.name)
      .getByRole("button", { name: /^João Batista/ })
      .click();
    await agent.getByText("João Batista não tem conversa que você possa abrir.").waitFor();
    await contactRow(joao.name).getByRole("button", { name: "Nova conversa", exact: true }).click();
    await startOn("Telegram loja");
    expect(new URL(agent.url()).searchParams.get("q")).toBe("João");
    await agent.getByRole("region", { name: "Conversa com João Batista" }).waitFor();
    await writeFirstMessage("Oi João, posso ajudar?");

    await expect
      .poll(() => telegram.sent.find((sent) => sent.text === "Oi João, posso ajudar?")?.chatId)
      .toBe(String(joao.chatId));
  });

  it("offers to open the existing conversation when the contact already has one on that channel", async () => {
    await searchInbox("Maria");
    // the row's icon button is named after the contact it starts a conversation with
    await contactRow(maria.name)
      .getByRole("button", { name: "Iniciar uma conversa com Maria Souza" })
      .click();
    await dialog()
      .getByText(/Já existe uma conversa neste canal/)
      .waitFor();
    await dialog()
      .getByRole("radio", { name: /Telegram loja/ })
      .check();
    expect(await dialog().getByRole("button", { name: "Iniciar conversa" }).count()).toBe(0);
    await startOn("Telegram loja", "Abrir conversa");
    expect(conversationIdInUrl()).toBe(mariasConversation);
    await agent
      .getByRole("region", { name: "Conversa com Maria Souza" })
      .getByText("Olá Maria, seu pedido está pronto!")
      .waitFor();
  });

  it("on WhatsApp, where free text waits for the customer: the refusal is said plainly and nothing is sent", async () => {
    await agent.goto(url(`/contacts/${await contactIdOf(antonia.name)}`));
    await agent.getByRole("button", { name: "Nova conversa" }).click();
    // she never wrote on Telegram; WhatsApp reaches her phone, and the dialog warns about its 24 hours
    await dialog().getByText("Antônia Pereira nunca escreveu para você no Telegram.").waitFor();
    await dialog()
      .getByRole("radio", { name: /WhatsApp loja/ })
      .check();
    await dialog()
      .getByText(/O WhatsApp só aceita texto livre até 24 horas/)
      .waitFor();
    await startOn("WhatsApp loja");

    await agent.getByText(/O cliente ainda não escreveu nesta conversa do WhatsApp/).waitFor();
    await composer().fill("Olá Antônia!");
    await agent.getByRole("button", { name: "Enviar", exact: true }).click();
    await agent.getByRole("alert").filter({ hasText: "O WhatsApp recusou o texto livre" }).waitFor();
    expect(whatsapp.sent).toEqual([]);
  });

  it("on WhatsApp, when the customer wrote minutes ago: no 24-hour warning, and their conversation opens", async () => {
    const delivered = await postWebhook(
      url("/webhooks/whatsapp"),
      whatsapp.signedWebhook(
        whatsAppTextWebhook({
          phoneNumberId: whatsapp.config.phoneNumberId,
          from: beatriz.waId,
          name: beatriz.name,
          text: "Oi, meu pedido chegou?",
        }),
      ),
    );
    expect(delivered.status).toBe(200);
    await expect.poll(async () => (await contactIdOf(beatriz.name).catch(() => null)) !== null).toBe(true);

    await agent.goto(url(`/contacts/${await contactIdOf(beatriz.name)}`));
    await agent.getByRole("button", { name: "Nova conversa" }).click();
    await dialog()
      .getByRole("radio", { name: /WhatsApp loja/ })
      .check();
    await dialog()
      .getByText(/Já existe uma conversa neste canal, ainda sem responsável/)
      .waitFor();
    expect(
      await dialog()
        .getByText(/O WhatsApp só aceita texto livre/)
        .count(),
    ).toBe(0);
    await startOn("WhatsApp loja", "Abrir conversa");
    await agent
      .getByRole("region", { name: "Conversa com Beatriz Costa" })
      .getByText("Oi, meu pedido chegou?")
      .waitFor();
    // the window is open: the composer says nothing of templates
    expect(
      await agent.getByText(/O cliente ainda não escreveu|Já se passaram mais de 24 horas/).count(),
    ).toBe(0);
  });

  it("says before anything is sent that another member handles the conversation, and offers no button", async () => {
    const antoniaId = await contactIdOf(antonia.name);
    const ownerId = (await rest<{ user: { id: string } }>("GET", "/auth/me")).user.id;
    const list = await rest<{ items: Conversation[] }>("GET", `/conversations?contactId=${antoniaId}`);
    const conversationId = list.items[0]?.id;
    await rest("PATCH", `/conversations/${conversationId}`, { assignedTo: ownerId });

    await agent.goto(url(`/contacts/${antoniaId}`));
    // her conversation is Rita's: the agent's timeline is empty, and says only what is true of it
    await agent
      .getByText("Nenhum negócio ou conversa com Antônia Pereira que você possa ver.", { exact: false })
      .waitFor();
    expect(await agent.getByText(/Quando Antônia Pereira escrever/).count()).toBe(0);
    await agent.getByRole("button", { name: "Nova conversa" }).click();
    await dialog()
      .getByText(
        "Já existe uma conversa neste canal, atendida por Rita; você não pode abri-la. Fale com Rita.",
      )
      .waitFor();
    expect(
      await dialog()
        .getByRole("radio", { name: /WhatsApp loja/ })
        .isDisabled(),
    ).toBe(true);
    expect(
      await dialog()
        .getByRole("button", { name: /Iniciar conversa|Abrir conversa/ })
        .count(),
    ).toBe(0);
    expect(await dialog().getByRole("alert").count()).toBe(0);
    await expectAccessible(agent, "start-conversation-dialog-handled-by-another");
  });
});
