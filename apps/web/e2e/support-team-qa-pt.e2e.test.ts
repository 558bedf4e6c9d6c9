import {
  type FakeStripe,
  type FakeWhatsApp,
  postWebhook,
  startFakeStripe,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, connectWhatsApp, registerOwner, restAs, startBrowserSession } from "./session";

// What QA found driving the product as a Brazilian support team: the owner, Joana, and her agent Carlos.

let whatsapp: FakeWhatsApp;
let stripe: FakeStripe;
let smtp: SmtpSink;
let session: BrowserSession;
let page: Page;
let ownerToken = "";
let carlosId = "";
let conversationId = "";
let contactId = "";

const password = "correct horse battery";
const customer = { name: "Carla Mendes", waId: "5511955554444" };
const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, ownerToken, method, path, body);

const thread = () => page.getByRole("region", { name: `Conversa com ${customer.name}` });

beforeAll(async () => {
  [whatsapp, stripe, smtp] = await Promise.all([startFakeWhatsApp(), startFakeStripe(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, STRIPE_API_BASE: stripe.apiBase, SMTP_URL: smtp.url },
    locale: "pt-BR",
  });
  page = session.page;
  ownerToken = (
    await registerOwner(session, { organizationName: "Doceria Flor de Lis", name: "Joana Ribeiro" })
  ).token;
  await connectWhatsApp(session, ownerToken, whatsapp);
  await rest("POST", "/integrations", { channel: "stripe", name: "Stripe loja", config: stripe.config });
  const webhook = whatsAppTextWebhook({
    phoneNumberId: whatsapp.config.phoneNumberId,
    from: customer.waId,
    name: customer.name,
    text: "Oi! Vocês fazem bolo de aniversário para sábado?",
  });
  expect((await postWebhook(url("/webhooks/whatsapp"), whatsapp.signedWebhook(webhook))).status).toBe(200);
  // the webhook is processed in the background
  for (let tries = 0; !conversationId; tries++) {
    if (tries === 150) throw new Error("the conversation did not appear");
    const [conversation] = (
      await rest<{ items: Array<{ id: string; contact: { id: string } | null }> }>("GET", "/conversations")
    ).items;
    conversationId = conversation?.id ?? "";
    contactId = conversation?.contact?.id ?? "";
    if (!conversationId) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const carlosEmail = unique("carlos");
  await rest("POST", "/users", { email: carlosEmail, role: "agent" });
  const token = (await smtp.waitFor(carlosEmail)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, name: "Carlos Pereira", password }),
  });
  expect(accepted.ok).toBe(true);
  carlosId = ((await accepted.json()) as { user: { id: string } }).user.id;
});

afterAll(async () => {
  await session?.close();
  await Promise.all([whatsapp?.close(), stripe?.close(), smtp?.close()]);
});

describe("a Brazilian support team, as QA found it", () => {
  it("says, while the browser is offline, that nothing updates or goes out until it is back", async () => {
    await page.goto(url(`/inbox/${conversationId}`));
    await thread().getByText("Oi! Vocês fazem bolo de aniversário para sábado?").waitFor();
    const offline = page.getByRole("status").filter({ hasText: "Sem conexão com a internet" });
    expect(await offline.count()).toBe(0);

    await session.context.setOffline(true);
    await offline.waitFor();
    await session.context.setOffline(false);
    await offline.waitFor({ state: "detached" });
  });

  it("explains a send the channel refused for its credentials, and a payment link's dialog claims no delivery", async () => {
    const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      "GET",
      "/pipelines",
    );
    await rest("POST", "/deals", {
      title: "Bolo de aniversário",
      contactId,
      pipelineId: pipelines.items[0]?.id,
      stage: pipelines.items[0]?.stages[0]?.id,
      value: { amount: "180.00", currency: "BRL" },
    });
    // the WhatsApp access token has expired: Graph answers 401 with OAuthException code 190
    whatsapp.failNext(401);
    await page.goto(url(`/inbox/${conversationId}`));
    await page
      .getByRole("complementary", { name: "Contato" })
      .getByRole("button", { name: "Enviar link de pagamento" })
      .click();
    const dialog = page.getByRole("dialog", { name: "Enviar um link de pagamento" });
    // the customer's message is shown and editable first: the amount, never the deal's internal title
    const message = dialog.getByLabel("Mensagem para o cliente");
    await message.waitFor();
    expect(await message.inputValue()).toMatch(/^Segue o link para pagamento de R\$\s180,00:$/);
    expect(await dialog.getByText("Conecte provedores", { exact: false }).count()).toBe(0);
    await message.fill("Oi! Segue o link do bolo:");
    await dialog.getByRole("button", { name: "Criar e enviar" }).click();
    await dialog.getByText(/a mensagem com ele está sendo enviada ao cliente/).waitFor();
    expect(await dialog.getByText(/foi enviado/).count()).toBe(0);
    await dialog.getByRole("button", { name: "Concluir" }).click();

    const link = [...stripe.sessions.values()][0]?.url ?? "";
    expect(link).not.toBe("");
    const bubble = thread().getByRole("listitem").filter({ hasText: link });
    await bubble.getByText("Oi! Segue o link do bolo:", { exact: false }).waitFor();
    await bubble.getByRole("img", { name: "Não entregue" }).waitFor();
    await bubble.getByText("Não foi enviada.", { exact: false }).waitFor();
    await bubble.getByText(/peça a um administrador para reconectar o canal/).waitFor();
    // the provider's own words stay, behind a details toggle under the explanation
    const raw = bubble.getByText(/Session has expired\. \(code 190\)/);
    expect(await raw.isVisible()).toBe(false);
    await bubble.getByText("Detalhes técnicos").click();
    await raw.waitFor();
    // and the inbox list says so on the conversation's row, without a reload
    const row = page.locator(`[data-conversation-id="${conversationId}"]`);
    await row.getByText("Não enviada", { exact: true }).waitFor();
  });

  it("says in Portuguese that WhatsApp could not be reached, the connection error only behind its details", async () => {
    await page.goto(url(`/inbox/${conversationId}`));
    await whatsapp.stopListening();
    try {
      const text = "A encomenda fica pronta às 10h.";
      await page.getByLabel("Mensagem", { exact: true }).fill(text);
      await page.getByLabel("Mensagem", { exact: true }).press("Enter");
      const bubble = thread().getByRole("listitem").filter({ hasText: text });
      // three attempts, a few seconds apart, before the send gives up
      await bubble
        .getByText("Não foi possível falar com o WhatsApp agora. Tente de novo em instantes.", {
          exact: false,
        })
        .waitFor({ timeout: 30_000 });
      const raw = bubble.getByText(/Provider unreachable: .*ECONNREFUSED/);
      expect(await raw.isVisible()).toBe(false);
      await bubble.getByText("Detalhes técnicos").click();
      await raw.waitFor();
    } finally {
      await whatsapp.listenAgain();
    }
  });

  it("releases an agent's conversations when Joana makes him a viewer, and says how many first", async () => {
    await rest("PATCH", `/conversations/${conversationId}`, { assignedTo: carlosId });
    await page.goto(url("/settings/team"));
    await page.getByLabel("Função de Carlos Pereira").selectOption({ label: "Leitor" });
    const dialog = page.getByRole("dialog", { name: "Alterar o perfil de Carlos Pereira?" });
    await dialog
      .getByText(/A conversa aberta atribuída a Carlos Pereira volta para a fila, sem responsável/)
      .waitFor();
    await dialog.getByRole("button", { name: "Alterar perfil" }).click();
    await dialog.waitFor({ state: "detached" });
    const after = await rest<{ assignee: { id: string } | null }>("GET", `/conversations/${conversationId}`);
    expect(after.assignee).toBeNull();
  });
});
