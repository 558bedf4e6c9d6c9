import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserSession } from "./session";
import { type TelegramConversation, telegramConversation } from "./telegram";

let setup: TelegramConversation;
let session: BrowserSession;

const url = (path: string) => `${session.api.baseUrl}${path}`;
const customer = { chatId: 5151, firstName: "Lívia", lastName: "Prates", name: "Lívia Prates" };

beforeAll(async () => {
  setup = await telegramConversation({
    organizationName: "Ótica Prates",
    ownerName: "Sérgio",
    integrationName: "Telegram ótica",
    customer,
    firstMessage: "Meus óculos já estão prontos?",
  });
  ({ session } = setup);
});

afterAll(() => setup?.close());

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
