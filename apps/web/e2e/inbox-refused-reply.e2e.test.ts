import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, restAs } from "./session";
import { type TelegramConversation, telegramConversation } from "./telegram";

let setup: TelegramConversation;
let session: BrowserSession;
let token: string;
let integrationId: string;

const url = (path: string) => `${session.api.baseUrl}${path}`;
const customer = { chatId: 7373, firstName: "Otávio", lastName: "Brandão", name: "Otávio Brandão" };
const owner = "Marta";

beforeAll(async () => {
  setup = await telegramConversation({
    organizationName: "Livraria Brandão",
    ownerName: owner,
    integrationName: "Telegram livraria",
    customer,
    firstMessage: "O livro que encomendei chegou?",
  });
  ({ session, token, integrationId } = setup);
});

afterAll(() => setup?.close());

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
