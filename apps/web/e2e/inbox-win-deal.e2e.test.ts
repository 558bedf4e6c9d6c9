import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, connectWhatsApp, registerOwner, restAs, startBrowserSession } from "./session";

// QA: "Marcar como ganho" in the inbox's contact panel won a deal in one click, next to other deals' buttons.

let whatsapp: FakeWhatsApp;
let session: BrowserSession;
let page: Page;
let token = "";
let conversationId = "";
let wedding = "";
let birthday = "";
/** Every deals.update the page sent: a cancelled confirmation sends none. */
const updates: string[] = [];

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);
const dealRow = (title: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
const winButton = (title: string) => dealRow(title).getByRole("button", { name: "Marcar como ganho" });
const dialog = () => page.getByRole("dialog", { name: "Marcar negócio como ganho" });
const statusOf = async (id: string) => (await rest<{ status: string }>("GET", `/deals/${id}`)).status;
/** Intl puts a no-break space after "R$": compared as a plain space. */
const plain = (text: string | null) => (text ?? "").replace(/\u00a0/g, " ");

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  session = await startBrowserSession({ env: { WHATSAPP_API_BASE: whatsapp.apiBase }, locale: "pt-BR" });
  page = session.page;
  page.on("request", (request) => {
    if (request.url().includes("deals.update")) updates.push(request.postData() ?? "");
  });
  token = (await registerOwner(session, { organizationName: "Doceria Bem Casado", name: "Lúcia Prates" }))
    .token;
  const integration = await connectWhatsApp(session, token, whatsapp);
  const contact = await rest<{ id: string }>("POST", "/contacts", {
    name: "Carlos Pereira",
    phone: "+5511987651234",
  });
  conversationId = (
    await rest<{ id: string }>("POST", "/conversations", {
      contactId: contact.id,
      integrationId: integration.id,
    })
  ).id;
  const pipeline = (
    await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>("GET", "/pipelines")
  ).items[0];
  const deal = (title: string, amount: string) =>
    rest<{ id: string }>("POST", "/deals", {
      title,
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount, currency: "BRL" },
    });
  wedding = (await deal("Bolo de casamento", "1500.00")).id;
  birthday = (await deal("Doces de aniversário", "320.50")).id;
});

afterAll(async () => {
  await session?.close();
  await whatsapp?.close();
});

describe("winning a deal from the inbox's contact panel", () => {
  it("asks first, naming the deal and its value, and a cancel wins nothing", async () => {
    await page.goto(url(`/inbox/${conversationId}`));
    await winButton("Bolo de casamento").click();
    await dialog().waitFor();
    expect(plain(await dialog().textContent())).toContain(
      "“Bolo de casamento” (R$ 1.500,00) será marcado como ganho",
    );
    // it opens on Cancel, so an Enter pressed out of habit wins nothing
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Cancelar");
    await page.keyboard.press("Enter");
    await dialog().waitFor({ state: "hidden" });

    await winButton("Bolo de casamento").click();
    await dialog().waitFor();
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "hidden" });

    expect(updates).toEqual([]);
    expect(await statusOf(wedding)).toBe("open");
  });

  it("wins only the deal named once confirmed", async () => {
    await page.goto(url(`/inbox/${conversationId}`));
    await winButton("Doces de aniversário").click();
    const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
    await dialog().getByRole("button", { name: "Marcar como ganho" }).click();
    expect((await answered).status()).toBe(200);
    await dialog().waitFor({ state: "hidden" });

    await dealRow("Doces de aniversário").getByText("Ganho", { exact: true }).waitFor();
    expect(await winButton("Doces de aniversário").count()).toBe(0);
    expect(await statusOf(birthday)).toBe("won");
    expect(await statusOf(wedding)).toBe("open");
    await winButton("Bolo de casamento").waitFor();
  });

  it("stays open and says why when someone changed the deal meanwhile, then wins it on a second try", async () => {
    try {
      // no realtime news: the panel keeps the version it loaded until the refusal makes it reload
      await page.routeWebSocket(/\/trpc-ws/, () => {});
      await page.goto(url(`/inbox/${conversationId}`));
      await winButton("Bolo de casamento").click();
      await dialog().waitFor();
      await rest("PATCH", `/deals/${wedding}`, { value: { amount: "1800.00" } });

      const refused = page.waitForResponse((response) => response.url().includes("deals.update"));
      await dialog().getByRole("button", { name: "Marcar como ganho" }).click();
      expect((await refused).status()).toBe(412);
      await dialog()
        .getByText(
          "Outra pessoa alterou este negócio nesse meio-tempo, então ele não foi marcado como ganho.",
          {
            exact: false,
          },
        )
        .waitFor();
      expect(await statusOf(wedding)).toBe("open");
      // the panel reloaded the deal: the dialog names its new value
      await expect.poll(async () => plain(await dialog().textContent())).toContain("(R$ 1.800,00)");

      const answered = page.waitForResponse((response) => response.url().includes("deals.update"));
      await dialog().getByRole("button", { name: "Marcar como ganho" }).click();
      expect((await answered).status()).toBe(200);
      await dialog().waitFor({ state: "hidden" });
      expect(await statusOf(wedding)).toBe("won");
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });
});

describe("the inbox's heading", () => {
  it("has one level-1 heading, with or without a conversation open", async () => {
    for (const path of ["/inbox", `/inbox/${conversationId}`]) {
      await page.goto(url(path));
      await page.getByRole("heading", { name: "Caixa de entrada", level: 1 }).waitFor({ state: "attached" });
      expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    }
  });
});
