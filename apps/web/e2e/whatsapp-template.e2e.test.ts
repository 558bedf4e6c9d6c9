import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing";
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

let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
let owner: { token: string };
let agentContext: BrowserContext;
let agent: Page;

const password = "correct horse battery";
const antonia = { name: "Antônia Pereira", phone: "+5591988880013" };
const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

/** The REST API as the owner's script calls it; any 2xx is success. */
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

const startDialog = () => agent.getByRole("dialog", { name: /^Nova conversa com / });
const templateDialog = () => agent.getByRole("dialog", { name: "Enviar um modelo de mensagem" });
const thread = () => agent.getByRole("region", { name: `Conversa com ${antonia.name}` });

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  whatsapp.addTemplate("pedido_enviado", "pt_BR", 2);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "pt-BR",
  });
  // the owner works over the API only: the browser is the agent's
  owner = await registerOwner(session, { organizationName: "Loja da Rita", name: "Rita" }, { signIn: false });
  await connectWhatsApp(session, owner.token, whatsapp);
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

afterAll(async () => {
  await agentContext?.close();
  await session?.close();
  await Promise.all([whatsapp?.close(), smtp?.close()]);
});

describe("an agent opens a WhatsApp conversation with a message template", () => {
  it("starts the conversation, sends an approved template the fake receives, and the thread shows it", async () => {
    const contacts = await rest<{ items: { id: string; name: string }[] }>(
      "GET",
      `/contacts?search=${encodeURIComponent(antonia.name)}`,
    );
    const contactId = contacts.items.find((contact) => contact.name === antonia.name)?.id;
    await agent.goto(url(`/contacts/${contactId}`));
    await agent.getByRole("button", { name: "Nova conversa" }).click();
    await startDialog()
      .getByRole("radio", { name: /WhatsApp loja/ })
      .check();
    await startDialog().getByRole("button", { name: "Iniciar conversa" }).click();
    await startDialog().waitFor({ state: "detached" });
    await thread().waitFor();

    // the customer never wrote: free text cannot go, a template can
    await agent.getByText(/O cliente ainda não escreveu nesta conversa do WhatsApp/).waitFor();
    await agent.getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog().waitFor();
    expect(await templateDialog().getByLabel("Idioma").inputValue()).toBe("pt_BR");
    await expectAccessible(agent, "send-template-dialog");

    await templateDialog().getByLabel("Nome do modelo").fill("Pedido Enviado");
    await templateDialog().getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog()
      .getByText(/Use só letras minúsculas, números e sublinhados/)
      .waitFor();
    expect(whatsapp.sentTemplates).toEqual([]);

    await templateDialog().getByLabel("Nome do modelo").fill("pedido_enviado");
    await templateDialog().getByLabel("Parâmetros do corpo").fill("Antônia\n#1234");
    await templateDialog().getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog().waitFor({ state: "detached" });

    await expect.poll(() => whatsapp.sentTemplates.length).toBe(1);
    expect(whatsapp.sentTemplates[0]?.body).toEqual({
      messaging_product: "whatsapp",
      to: "5591988880013",
      type: "template",
      template: {
        name: "pedido_enviado",
        language: { code: "pt_BR" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Antônia" },
              { type: "text", text: "#1234" },
            ],
          },
        ],
      },
    });
    // stored in English for API clients, shown in the user's language, in the thread and the list
    await thread().getByText("Modelo “pedido_enviado” (pt_BR): Antônia · #1234").waitFor();
    await agent
      .getByRole("list", { name: "Conversas" })
      .getByText("Modelo “pedido_enviado” (pt_BR): Antônia · #1234")
      .waitFor();
    expect(await agent.getByText(/Template pedido_enviado/).count()).toBe(0);
    // the thread heads today's messages with the day
    await thread()
      .getByRole("listitem")
      .filter({ hasText: /^Hoje$/ })
      .waitFor();
    expect(whatsapp.sent).toEqual([]);
  });

  it("explains WhatsApp's refusal of a wrong parameter count in Portuguese, and reopens the form to fix it", async () => {
    await agent.getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog().getByLabel("Nome do modelo").fill("pedido_enviado");
    await templateDialog().getByLabel("Parâmetros do corpo").fill("Antônia");
    await templateDialog().getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog().waitFor({ state: "detached" });

    await thread()
      .getByText(/O WhatsApp recusou o modelo: o número de parâmetros não é o que o modelo aprovado espera/)
      .waitFor();
    expect(
      await thread()
        .getByText(/Number of parameters does not match/)
        .count(),
    ).toBe(0);
    // sending it again as it is can only fail again
    expect(await thread().getByRole("button", { name: "Tentar de novo" }).count()).toBe(0);

    await thread().getByRole("button", { name: "Corrigir e reenviar" }).click();
    await templateDialog().waitFor();
    expect(await templateDialog().getByLabel("Nome do modelo").inputValue()).toBe("pedido_enviado");
    expect(await templateDialog().getByLabel("Idioma").inputValue()).toBe("pt_BR");
    expect(await templateDialog().getByLabel("Parâmetros do corpo").inputValue()).toBe("Antônia");
    await templateDialog().getByLabel("Parâmetros do corpo").fill("Antônia\n#1235");
    await templateDialog().getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog().waitFor({ state: "detached" });

    await expect.poll(() => whatsapp.sentTemplates.length).toBe(2);
    expect(whatsapp.sentTemplates[1]?.bodyParameters).toEqual(["Antônia", "#1235"]);
    await thread().getByText("Modelo “pedido_enviado” (pt_BR): Antônia · #1235").waitFor();
  });

  it("explains an unknown template (132001) the same way", async () => {
    await agent.getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog().getByLabel("Nome do modelo").fill("pedido_entregue");
    await templateDialog().getByRole("button", { name: "Enviar modelo" }).click();
    await templateDialog().waitFor({ state: "detached" });

    await thread()
      .getByText(/O WhatsApp recusou o modelo: não há modelo aprovado com esse nome nesse idioma/)
      .waitFor();
    // this refusal's, beside the one of the message corrected before
    await expect.poll(() => thread().getByRole("button", { name: "Corrigir e reenviar" }).count()).toBe(2);
    await expectAccessible(agent, "template-refused");
  });
});
