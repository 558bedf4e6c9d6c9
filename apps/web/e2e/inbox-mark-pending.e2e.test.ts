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

const url = (path: string) => `${session.api.baseUrl}${path}`;
const customer = { chatId: 5151, firstName: "Lívia", lastName: "Prates", name: "Lívia Prates" };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  session = await startBrowserSession({ env: { TELEGRAM_API_BASE: telegram.apiBase }, locale: "pt-BR" });
  const { token } = await registerOwner(session, { organizationName: "Ótica Prates", name: "Sérgio" });
  const { id } = await restAs<{ id: string }>(session.api.baseUrl, token, "POST", "/integrations", {
    channel: "telegram",
    name: "Telegram ótica",
    config: telegram.config,
  });
  const delivered = await postWebhook(
    url(`/webhooks/telegram/${id}`),
    telegram.signedWebhook(
      telegramTextUpdate({
        chatId: customer.chatId,
        text: "Meus óculos já estão prontos?",
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

describe("a conversation waiting on the customer", () => {
  it("is marked pending from its actions, shows under the Pendente filter and is marked open again", async () => {
    const { page } = session;
    const row = () =>
      page.getByRole("list", { name: "Conversas" }).getByRole("link", { name: new RegExp(customer.name) });
    const actions = page.getByRole("group", { name: "Ações da conversa" });
    await page.goto(url("/inbox"));
    await row().click();
    await actions.getByRole("button", { name: "Marcar como pendente" }).click();
    await actions.getByRole("button", { name: "Marcar como aberta" }).waitFor();
    // still there to snooze or close, as an open one
    await actions.getByRole("button", { name: "Adiar" }).waitFor();
    await actions.getByRole("button", { name: "Encerrar" }).waitFor();

    await page.getByLabel("Situação").selectOption("pending");
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("pending");
    await row().waitFor();

    await actions.getByRole("button", { name: "Marcar como aberta" }).click();
    await actions.getByRole("button", { name: "Marcar como pendente" }).waitFor();
    await page.getByLabel("Situação").selectOption("open");
    await row().waitFor();
  });
});
