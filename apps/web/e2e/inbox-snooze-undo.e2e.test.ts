import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, restAs } from "./session";
import { type TelegramConversation, telegramConversation } from "./telegram";

let setup: TelegramConversation;
let session: BrowserSession;
let token: string;
let ownerId: string;

const url = (path: string) => `${session.api.baseUrl}${path}`;
const customer = { chatId: 6262, firstName: "Renata", lastName: "Quintela", name: "Renata Quintela" };

beforeAll(async () => {
  setup = await telegramConversation({
    organizationName: "Floricultura Quintela",
    ownerName: "Célia",
    integrationName: "Telegram floricultura",
    customer,
    firstMessage: "Vocês entregam no sábado?",
  });
  ({ session, token, ownerId } = setup);
});

afterAll(() => setup?.close());

describe("snoozing with a preset", () => {
  it("says until when, out loud, and Desfazer brings the conversation back as it was", async () => {
    const { page } = session;
    const actions = page.getByRole("group", { name: "Ações da conversa" });
    const thread = page.getByRole("region", { name: `Conversa com ${customer.name}` });
    const notice = thread.locator("header").getByRole("status");
    await page.goto(url("/inbox"));
    await page
      .getByRole("list", { name: "Conversas" })
      .getByRole("link", { name: new RegExp(customer.name) })
      .click();
    // pending, waiting on the customer: what Desfazer must bring back, not merely "open"
    await actions.getByRole("button", { name: "Marcar como pendente" }).click();
    await actions.getByRole("button", { name: "Marcar como aberta" }).waitFor();

    // a live region already in the page, empty, so what fills it is announced
    expect(await notice.textContent()).toBe("");
    await actions.getByRole("button", { name: "Adiar" }).click();
    await page
      .getByRole("dialog", { name: "Adiar conversa" })
      .getByRole("button", { name: "Amanhã às 9:00" })
      .click();

    // tomorrow at 9:00 on the user's clock, written as the app writes dates in Portuguese
    const tomorrowAtNine = await page.evaluate(() => {
      const date = new Date();
      date.setHours(9, 0, 0, 0);
      date.setDate(date.getDate() + 1);
      return new Intl.DateTimeFormat("pt-BR", { dateStyle: "medium", timeStyle: "short" }).format(date);
    });
    await notice.getByText(`Conversa adiada até ${tomorrowAtNine}.`, { exact: true }).waitFor();
    await expectAccessible(page, "inbox-snoozed-notice");

    await notice.getByRole("button", { name: "Desfazer" }).click();
    await notice
      .getByText("Adiamento desfeito: a conversa está pendente de novo.", { exact: true })
      .waitFor();
    await actions.getByRole("button", { name: "Marcar como aberta" }).waitFor();
    await actions.getByRole("button", { name: "Adiar" }).waitFor();
    const conversationId = new URL(page.url()).pathname.split("/").at(-1);
    const stored = await restAs<{ status: string; snoozedUntil: string | null }>(
      session.api.baseUrl,
      token,
      "GET",
      `/conversations/${conversationId}`,
    );
    expect(stored).toMatchObject({ status: "pending", snoozedUntil: null });
  });

  it("does not undo a snooze once the conversation changed since, and says why", async () => {
    const { page } = session;
    const actions = page.getByRole("group", { name: "Ações da conversa" });
    const thread = page.getByRole("region", { name: `Conversa com ${customer.name}` });
    const notice = thread.locator("header").getByRole("status");
    await actions.getByRole("button", { name: "Adiar" }).click();
    await page
      .getByRole("dialog", { name: "Adiar conversa" })
      .getByRole("button", { name: "Daqui a 1 hora" })
      .click();
    await notice.getByText(/^Conversa adiada até /).waitFor();

    // a teammate takes it meanwhile: Desfazer would undo what they did not see
    const conversationId = new URL(page.url()).pathname.split("/").at(-1);
    await restAs(session.api.baseUrl, token, "PATCH", `/conversations/${conversationId}`, {
      assignedTo: ownerId,
    });
    await notice.getByRole("button", { name: "Desfazer" }).click();
    await thread
      .getByRole("alert")
      .getByText("A conversa mudou depois de adiada, então o adiamento não foi desfeito.")
      .waitFor();
    await expect.poll(() => notice.textContent()).toBe("");
    await actions.getByRole("button", { name: "Reabrir" }).waitFor();
    const stored = await restAs<{ status: string }>(
      session.api.baseUrl,
      token,
      "GET",
      `/conversations/${conversationId}`,
    );
    expect(stored.status).toBe("snoozed");
  });
});
