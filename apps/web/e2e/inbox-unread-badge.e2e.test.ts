import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserSession } from "./session";
import { type TelegramConversation, telegramConversation } from "./telegram";

let setup: TelegramConversation;
let session: BrowserSession;
let token: string;
let customerWrites: TelegramConversation["customerWrites"];

const url = (path: string) => `${session.api.baseUrl}${path}`;
const page = () => session.page;
const sidebar = () => page().getByRole("complementary");
const inboxLink = () => sidebar().getByRole("link", { name: /^Caixa de entrada/ });
const customer = { chatId: 7373, firstName: "Clara", lastName: "Nunes", name: "Clara Nunes" };

beforeAll(async () => {
  setup = await telegramConversation({
    organizationName: "Loja da Clara",
    ownerName: "Rita",
    integrationName: "Telegram loja",
    customer,
  });
  ({ session, token, customerWrites } = setup);
});

afterAll(() => setup?.close());

/** On the deals page, with nothing unread: no badge, a title without a count; the title it has. */
async function onDealsWithNothingUnread(): Promise<string> {
  await page().getByRole("heading", { name: "Negócios", level: 1 }).waitFor();
  await sidebar().getByRole("link", { name: "Caixa de entrada", exact: true }).waitFor();
  await expect.poll(() => page().title()).toMatch(/^Negócios · /);
  expect(await inboxLink().textContent()).toBe("Caixa de entrada");
  return page().title();
}

/** Still on the deals page, the sidebar and the title tell of one unread conversation. */
async function toldOfOneUnread(title: string) {
  await sidebar().getByRole("link", { name: "Caixa de entrada 1 conversa não lida" }).waitFor();
  expect(await inboxLink().locator("[aria-hidden=true]").last().textContent()).toBe("1");
  await expect.poll(() => page().title()).toBe(`(1) ${title}`);
  expect(new URL(page().url()).pathname).toBe("/deals");
}

/** Opening the conversation reads it: the badge and the count in the title go. */
async function openAndRead(text: string) {
  await inboxLink().click();
  await page()
    .getByRole("list", { name: "Conversas" })
    .getByRole("link", { name: new RegExp(customer.name) })
    .click();
  await page()
    .getByRole("region", { name: `Conversa com ${customer.name}` })
    .getByText(text)
    .waitFor();
  await sidebar().getByRole("link", { name: "Caixa de entrada", exact: true }).waitFor();
  await expect.poll(() => page().title()).not.toMatch(/^\(\d+\+?\) /);
}

describe("the inbox badge", () => {
  it("tells of a new customer's message on another page, in the sidebar and the tab's title, until it is read", async () => {
    await page().goto(url("/deals"));
    const title = await onDealsWithNothingUnread();
    await customerWrites("Vocês têm o vestido azul no tamanho M?");
    await toldOfOneUnread(title);
    await openAndRead("Vocês têm o vestido azul no tamanho M?");
  });

  it("tells of the next message of a customer it knows as it arrives", async () => {
    await sidebar().getByRole("link", { name: "Negócios" }).click();
    const title = await onDealsWithNothingUnread();
    await customerWrites("E no tamanho G?");
    await toldOfOneUnread(title);

    // on a phone, the row of sections under the header shows it too
    const phone = await session.browser.newContext({
      locale: "pt-BR",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await phone.addCookies([{ name: "crm_session", value: token, url: session.api.baseUrl }]);
      const onPhone = await phone.newPage();
      onPhone.setDefaultTimeout(15_000);
      await onPhone.goto(url("/deals"));
      await onPhone
        .getByRole("navigation", { name: "Principal" })
        .getByRole("link", { name: "Caixa de entrada 1 conversa não lida" })
        .waitFor();
      await expect.poll(() => onPhone.title()).toBe(`(1) ${title}`);
    } finally {
      await phone.close();
    }
    await openAndRead("E no tamanho G?");
  });
});
