import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
let owner: Page;
let agentContext: BrowserContext;
let agent: Page;

const url = (path: string) => `${session.api.baseUrl}${path}`;

const raimundo = {
  name: "Raimundo Araújo",
  waId: "5591910000042",
  text: "Aqui é o Raimundo, quero um orçamento",
};
const sebastiao = { name: "Sebastião Reis", waId: "5591987650077", text: "Minha encomenda chegou?" };
const antonia = { name: "Antônia Pereira", phone: "+5591988880013" };

/** A call to the REST API as the owner's page makes one: its session cookie, its origin. */
async function asOwner<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await owner.evaluate(
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
  expect([200, 201], `${method} ${path}: ${response.status}`).toContain(response.status);
  return response.body as T;
}

function inbound(customer: { name: string; waId: string; text: string }) {
  return postWebhook(
    url("/webhooks/whatsapp"),
    whatsapp.signedWebhook(
      whatsAppTextWebhook({
        phoneNumberId: whatsapp.config.phoneNumberId,
        from: customer.waId,
        name: customer.name,
        text: customer.text,
      }),
    ),
  );
}

/** The agent's inbox search box, in Portuguese. */
const searchBox = () => agent.getByLabel("Buscar mensagens");
const contactsSection = () => agent.getByRole("region", { name: "Contatos" });
// anchored: the row's "start a conversation with <name>" button names the contact too
const contactResult = (name: string) =>
  contactsSection().getByRole("button", { name: new RegExp(`^${name}`) });

async function search(text: string) {
  await searchBox().fill(text);
  await agent.getByRole("heading", { name: `Mensagens com “${text.trim()}”` }).waitFor();
}

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "en-US",
  });
  owner = session.page;
  await signUp(owner, session.api.baseUrl, {
    organizationName: "Açaí do Pará",
    name: "Júlia Campos",
    email: `julia.${Date.now()}@example.com`,
    password: "correct horse battery",
  });
  await owner.goto(url("/settings/integrations"));
  await connectIntegration(owner, "WhatsApp", "WhatsApp loja", {
    "Phone number ID": whatsapp.config.phoneNumberId,
    "Access token": whatsapp.config.accessToken,
    "App secret": whatsapp.config.appSecret,
    "Verify token": whatsapp.config.verifyToken,
  });
});

afterAll(async () => {
  await agentContext?.close();
  await session?.close();
  await whatsapp?.close();
  await smtp?.close();
});

describe("the inbox search finds contacts", () => {
  it("has Raimundo and Sebastião writing, Antônia without a conversation, and an agent", async () => {
    for (const customer of [raimundo, sebastiao]) expect((await inbound(customer)).status).toBe(200);
    await expect
      .poll(async () => (await asOwner<{ items: unknown[] }>("GET", "/conversations")).items.length)
      .toBe(2);
    await asOwner("POST", "/contacts", antonia);

    // Sebastião's conversation is the owner's: an agent may find him, not open it
    const me = await asOwner<{ user: { id: string } }>("GET", "/auth/me");
    const found = await asOwner<{ items: { id: string }[] }>("GET", "/contacts?search=sebastiao");
    const contactId = found.items[0]?.id;
    const conversations = await asOwner<{ items: { id: string }[] }>(
      "GET",
      `/contacts/${contactId}/conversations`,
    );
    await asOwner("PATCH", `/conversations/${conversations.items[0]?.id}`, { assignedTo: me.user.id });

    const email = `ana.${Date.now()}@example.com`;
    await asOwner("POST", "/users", { email, role: "agent" });
    const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
    ({ context: agentContext, page: agent } = await openPage(session.browser, "pt-BR"));
    await agent.goto(url(`/accept-invitation?token=${token}`));
    await agent.getByLabel("Seu nome").fill("Ana Lima");
    await agent.getByLabel("Senha", { exact: true }).fill("correct horse battery");
    await agent.getByRole("button", { name: "Entrar na equipe" }).click();
    await agent.waitForURL("**/inbox");
  });

  it("finds a customer by name without or with accents and opens the conversation", async () => {
    await search("raimundo araujo");
    await contactResult("Raimundo Araújo").waitFor();
    await search("Araújo");
    await contactResult("Raimundo Araújo").waitFor();
    await expectAccessible(agent, "inbox-contact-search");
    await contactResult("Raimundo Araújo").click();
    await agent.waitForURL(/\/inbox\/[0-9a-f-]{36}/);
    await agent
      .getByRole("region", { name: "Conversa com Raimundo Araújo" })
      .getByText(raimundo.text)
      .waitFor();
  });

  it("finds a customer by a phone typed the Brazilian way", async () => {
    for (const phone of ["(91) 91000-0042", "91000-0042", "+55 91 91000-0042"]) {
      await search(phone);
      await contactResult("Raimundo Araújo").getByText("(91) 91000-0042").waitFor();
    }
  });

  it("moves with the arrow keys from the contacts to the messages and opens one with Enter", async () => {
    await agent.goto(url("/inbox"));
    await search("Raimundo");
    const message = agent.getByRole("link", { name: /quero um orçamento/ });
    await message.waitFor();
    await contactResult("Raimundo Araújo").waitFor();

    await searchBox().press("ArrowDown");
    await expect
      .poll(() => contactResult("Raimundo Araújo").evaluate((el) => el === document.activeElement))
      .toBe(true);
    await agent.keyboard.press("ArrowDown");
    await expect.poll(() => message.evaluate((el) => el === document.activeElement)).toBe(true);
    await agent.keyboard.press("ArrowUp");
    await agent.keyboard.press("ArrowUp");
    await expect.poll(() => searchBox().evaluate((el) => el === document.activeElement)).toBe(true);

    await agent.keyboard.press("ArrowDown");
    await agent.keyboard.press("Enter");
    await agent
      .getByRole("region", { name: "Conversa com Raimundo Araújo" })
      .getByText(raimundo.text)
      .waitFor();
  });

  it("offers the contact page for a customer without conversations", async () => {
    await agent.goto(url("/inbox"));
    await search("Antonia");
    await contactResult("Antônia Pereira").click();
    await agent.getByText("Antônia Pereira não tem conversa que você possa abrir.").waitFor();
    await agent.getByRole("link", { name: "Abrir o contato" }).click();
    await agent.waitForURL(/\/contacts\/[0-9a-f-]{36}/);
    await agent.getByRole("heading", { name: "Antônia Pereira" }).waitFor();
  });

  it("does not open a conversation the agent may not see", async () => {
    await agent.goto(url("/inbox"));
    await search("Sebastiao");
    await contactResult("Sebastião Reis").click();
    await agent.getByText("Sebastião Reis não tem conversa que você possa abrir.").waitFor();
    expect(new URL(agent.url()).pathname).toBe("/inbox");

    // its owner, who may see it, is taken there
    await owner.goto(url("/inbox"));
    await owner.getByLabel("Search messages").fill("Sebastiao");
    await owner
      .getByRole("region", { name: "Contacts" })
      .getByRole("button", { name: /^Sebastião Reis/ })
      .click();
    await owner
      .getByRole("region", { name: "Conversation with Sebastião Reis" })
      .getByText(sebastiao.text)
      .waitFor();
  });

  it("asks the contacts nothing for a single character", async () => {
    await agent.goto(url("/inbox"));
    const asked: string[] = [];
    agent.on("request", (request) => {
      if (request.url().includes("contacts.list")) asked.push(request.url());
    });
    await search("R");
    expect(await contactsSection().count()).toBe(0);
    await search("Ra");
    await contactResult("Raimundo Araújo").waitFor();
    expect(asked).toHaveLength(1);
  });
});
