import {
  type FakeTelegram,
  postWebhook,
  startFakeTelegram,
  telegramTextUpdate,
} from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

let telegram: FakeTelegram;
let session: BrowserSession;
let token: string;
let integrationId: string;

const url = (path: string) => `${session.api.baseUrl}${path}`;
const customer = { chatId: 7373, firstName: "Otávio", lastName: "Brandão", name: "Otávio Brandão" };
const owner = "Marta";

beforeAll(async () => {
  telegram = await startFakeTelegram();
  session = await startBrowserSession({ env: { TELEGRAM_API_BASE: telegram.apiBase }, locale: "pt-BR" });
  ({ token } = await registerOwner(session, { organizationName: "Livraria Brandão", name: owner }));
  ({ id: integrationId } = await restAs<{ id: string }>(session.api.baseUrl, token, "POST", "/integrations", {
    channel: "telegram",
    name: "Telegram livraria",
    config: telegram.config,
  }));
  const delivered = await postWebhook(
    url(`/webhooks/telegram/${integrationId}`),
    telegram.signedWebhook(
      telegramTextUpdate({
        chatId: customer.chatId,
        text: "O livro que encomendei chegou?",
        from: { id: customer.chatId, firstName: customer.firstName, lastName: customer.lastName },
      }),
    ),
  );
  expect(delivered.status).toBe(200);
});

afterAll(async () => {
  await session?.close();
  await telegram?.close();
});

const switchIntegration = (isActive: boolean) =>
  restAs(session.api.baseUrl, token, "PATCH", `/integrations/${integrationId}`, { isActive });

describe("a reply the server refuses", () => {
  it("leaves the conversation unassigned on screen and on the server; one it takes assigns it", async () => {
    const { page } = session;
    const thread = page.getByRole("region", { name: `Conversa com ${customer.name}` });
    const headerLine = thread.locator("header p").first();
    const composer = thread.getByLabel("Mensagem", { exact: true });
    await page.goto(url("/inbox"));
    await page
      .getByRole("list", { name: "Conversas" })
      .getByRole("link", { name: new RegExp(customer.name) })
      .click();
    await thread.getByText("Ao responder, a conversa passa a ser sua.").waitFor();
    const conversationId = new URL(page.url()).pathname.split("/").at(-1);
    const assigneeOnServer = async () =>
      (
        await restAs<{ assignee: { name: string } | null }>(
          session.api.baseUrl,
          token,
          "GET",
          `/conversations/${conversationId}`,
        )
      ).assignee;

    await switchIntegration(false);
    await composer.fill("Chegou sim, pode retirar amanhã.");
    await composer.press("Enter");
    await thread
      .getByRole("alert")
      .getByText(/Este canal não pode enviar mensagens agora/)
      .waitFor();
    expect(await headerLine.textContent()).not.toMatch(/Atribuída a/);
    await thread.getByText("Ao responder, a conversa passa a ser sua.").waitFor();
    expect(await assigneeOnServer()).toBeNull();

    // the same reply once the channel is back takes the conversation, and the header says so
    await switchIntegration(true);
    await composer.press("Enter");
    await expect.poll(() => headerLine.textContent()).toMatch(`Atribuída a ${owner}`);
    expect(await assigneeOnServer()).toMatchObject({ name: owner });
  });
});
