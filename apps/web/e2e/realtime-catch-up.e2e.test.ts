import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, connectIntegration, signUp, startBrowserSession } from "./session";

let whatsapp: FakeWhatsApp;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  session = await startBrowserSession({ env: { WHATSAPP_API_BASE: whatsapp.apiBase }, locale: "en-US" });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await whatsapp?.close();
});

const customer = { name: "Rafael Nogueira", waId: "5521988887777" };
const thread = () => page.getByRole("region", { name: `Conversation with ${customer.name}` });
/** Messages get increasing provider times, so the thread's order is the order they were sent in. */
const firstSecond = Math.floor(Date.now() / 1000) - 3_600;
let sent = 0;
const texts: string[] = [];

async function inbound(text: string) {
  sent += 1;
  texts.push(text);
  const response = await postWebhook(
    `${session.api.baseUrl}/webhooks/whatsapp`,
    whatsapp.signedWebhook(
      whatsAppTextWebhook({
        phoneNumberId: whatsapp.config.phoneNumberId,
        from: customer.waId,
        name: customer.name,
        text,
        timestamp: new Date((firstSecond + sent) * 1000),
      }),
    ),
  );
  expect(response.status).toBe(200);
}

/** The texts of our messages, as the open thread shows them, top to bottom. */
async function shownTexts(): Promise<string[]> {
  const items = await thread().getByRole("listitem").allInnerTexts();
  return items.flatMap((item) => texts.filter((text) => item.includes(text)));
}

const samePage = () => page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage === true);

describe("live messages when the API does not answer for a while", () => {
  it("opens the customer's conversation", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Livraria Mar Aberto",
      name: "Helena Prado",
      email: `helena.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    await page.getByRole("link", { name: "Connect a channel" }).click();
    await connectIntegration(page, "WhatsApp", "WhatsApp livraria", {
      "Phone number ID": whatsapp.config.phoneNumberId,
      "Access token": whatsapp.config.accessToken,
      "App secret": whatsapp.config.appSecret,
      "Verify token": whatsapp.config.verifyToken,
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();

    await inbound("Mensagem 1: bom dia");
    await page
      .getByRole("list", { name: "Conversations" })
      .getByRole("link", { name: new RegExp(customer.name) })
      .click();
    await thread().getByText("Mensagem 1: bom dia").waitFor();
    // a reload would drop this marker: everything below must come without one
    await page.evaluate(() => {
      (window as unknown as { samePage: boolean }).samePage = true;
    });
  });

  /** Refuses every HTTP call to the API (the socket stays up); counts the messages the page tried to read. */
  async function blockApi() {
    const attempts = { messageReads: 0 };
    await page.route("**/trpc/**", (route) => {
      const names = new URL(route.request().url()).pathname.slice("/trpc/".length).split(",");
      attempts.messageReads += names.filter((name) => name === "messages.get").length;
      return route.abort("connectionrefused");
    });
    return attempts;
  }

  it("shows every message that arrived while its HTTP reads failed, once each and in order, once they succeed", async () => {
    const attempts = await blockApi();
    for (let index = 2; index <= 6; index += 1) await inbound(`Mensagem ${index}: enquanto fora do ar`);
    // every event came over the socket and its read failed; the outage lasts past the queries' own retries
    await expect.poll(() => attempts.messageReads, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await page.waitForTimeout(9_000);
    // the failed refresh is said in a line; what was shown before stays on screen meanwhile
    await thread().getByRole("status").filter({ hasText: "Could not refresh" }).waitFor({ timeout: 30_000 });
    expect(await shownTexts()).toEqual(["Mensagem 1: bom dia"]);

    await page.unroute("**/trpc/**");
    await expect.poll(shownTexts, { timeout: 30_000 }).toEqual(texts);
    expect(await samePage()).toBe(true);
  });

  it("shows the missed messages together with the next one when it arrives", async () => {
    const attempts = await blockApi();
    for (let index = 7; index <= 9; index += 1) await inbound(`Mensagem ${index}: de novo fora`);
    await expect.poll(() => attempts.messageReads, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(9_000);
    await page.unroute("**/trpc/**");
    await inbound("Mensagem 10: voltou");
    await expect.poll(shownTexts, { timeout: 30_000 }).toEqual(texts);
    expect(await samePage()).toBe(true);
  });

  it("reads the API at most once per message for a burst into the open conversation", async () => {
    const requests: string[] = [];
    const count = (request: Request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/trpc/")) requests.push(pathname.slice("/trpc/".length));
    };
    page.on("request", count);
    const burst = 60;
    await Promise.all(
      Array.from({ length: burst }, (_, index) => `Rajada ${String(index + 1).padStart(2, "0")}`).map(
        (text) => inbound(text),
      ),
    );
    await expect.poll(shownTexts, { timeout: 30_000 }).toEqual(texts);
    page.off("request", count);
    // what live updates read (the open thread marks itself read too: that is not theirs)
    const reads = requests.filter((path) =>
      path
        .split(",")
        .some((name) => /^(conversations\.get|messages\.get|realtime\.unreadCounts)$/.test(name)),
    );
    console.info(
      `burst of ${burst} messages: ${requests.length} HTTP requests, ${reads.length} of them live-update reads ` +
        `(${(reads.length / burst).toFixed(2)} per message)`,
    );
    expect(reads.length).toBeLessThanOrEqual(burst);
  });
});
