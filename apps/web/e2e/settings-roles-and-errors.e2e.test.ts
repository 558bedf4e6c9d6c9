import { type FakeTelegram, startFakeTelegram } from "@crm/integrations/testing";
import { linkToken, type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness";
import { type BrowserSession, openPage, restAs, signUp, startBrowserSession } from "./session";

let session: BrowserSession;
let smtp: SmtpSink;
let telegram: FakeTelegram;
let ownerToken: string;

beforeAll(async () => {
  [smtp, telegram] = await Promise.all([startSmtpSink(), startFakeTelegram()]);
  session = await startBrowserSession({
    env: { SMTP_URL: smtp.url, TELEGRAM_API_BASE: telegram.apiBase },
    locale: "en-US",
  });
  await signUp(session.page, session.api.baseUrl, {
    organizationName: "Loja da Rita",
    name: "Rita Alves",
    email: `rita.${Date.now()}@example.com`,
    password: "correct horse battery",
  });
  const token = (await session.context.cookies()).find((cookie) => cookie.name === "crm_session")?.value;
  if (!token) throw new Error("the owner is not signed in");
  ownerToken = token;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
  await telegram?.close();
});

const url = (path: string) => `${session.api.baseUrl}${path}`;
const inPortuguese = (page: Page) => page.evaluate(() => localStorage.setItem("crm.locale", "pt-BR"));

/** Invites and accepts an agent through the API; answers their session token. */
async function addAgent(name: string): Promise<string> {
  const email = `${name.split(" ")[0]?.toLowerCase()}.${Date.now()}@example.com`;
  await restAs(session.api.baseUrl, ownerToken, "POST", "/users", { email, role: "agent" });
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      token: linkToken(await smtp.waitFor(email), "accept-invitation"),
      name,
      password: "correct horse battery",
    }),
  });
  expect(accepted.status).toBe(200);
  return ((await accepted.json()) as { token: string }).token;
}

describe("controls an agent cannot use", () => {
  it("are not offered: no Editar etapas on the board, no Integrações, Chaves de API or Webhooks tabs", async () => {
    const agentToken = await addAgent("Davi Rocha");
    const asAgent = await openPage(session.browser, "en-US");
    try {
      const { context, page } = asAgent;
      await context.addCookies([{ name: "crm_session", value: agentToken, url: session.api.baseUrl }]);
      await page.goto(url("/deals"));
      await inPortuguese(page);
      await page.reload();
      // the header's actions are there (the board's own empty state may offer the button again)
      await page.getByRole("button", { name: "Novo negócio" }).first().waitFor();
      expect(await page.getByRole("link", { name: "Editar etapas" }).count()).toBe(0);

      await page.goto(url("/settings/pipelines"));
      const tabs = page.getByRole("navigation", { name: "Seções das configurações" });
      await tabs.getByRole("link", { name: "Funis" }).waitFor();
      for (const hidden of ["Integrações", "Chaves de API", "Webhooks"]) {
        expect(await tabs.getByRole("link", { name: hidden }).count(), hidden).toBe(0);
      }
      await screenshot(page, "settings-tabs-agent-pt-br");
      // a link followed from elsewhere still gets the page's own answer
      await page.goto(url("/settings/integrations"));
      await page
        .getByText("Somente proprietários e administradores podem ver e conectar integrações.")
        .waitFor();
    } finally {
      await asAgent.context.close();
    }

    // the owner still has them all
    const { page } = session;
    await page.goto(url("/deals"));
    await page.getByRole("link", { name: "Edit stages" }).waitFor();
    await page.goto(url("/settings/pipelines"));
    const tabs = page.getByRole("navigation", { name: "Settings sections" });
    for (const shown of ["Integrations", "API keys", "Webhooks"]) {
      await tabs.getByRole("link", { name: shown }).waitFor();
    }
  });
});

describe("removing a stage with the keyboard", () => {
  it("moves focus to the next stage's name, or after the last stage to Add stage, never to the page", async () => {
    const { page } = session;
    await page.goto(url("/settings/pipelines"));
    const stages = page.getByRole("list", { name: "Stages" });
    await page.getByLabel("Name of stage 2").waitFor();
    const second = await page.getByLabel("Name of stage 2").inputValue();
    const first = await page.getByLabel("Name of stage 1").inputValue();
    await stages.getByRole("button", { name: `Remove ${first}` }).focus();
    await page.keyboard.press("Enter");
    // the stage that was second is first now, and has focus
    const focused = page.locator(":focus");
    expect(await focused.getAttribute("aria-label")).toBe("Name of stage 1");
    expect(await focused.inputValue()).toBe(second);

    const count = await stages.getByRole("listitem").count();
    const last = await page.getByLabel(`Name of stage ${count}`).inputValue();
    await stages.getByRole("button", { name: `Remove ${last}` }).focus();
    await page.keyboard.press("Enter");
    expect(await stages.getByRole("listitem").count()).toBe(count - 1);
    expect(await page.locator(":focus").textContent()).toBe("Add stage");
  });
});

describe("a provider's refusal on the integrations page", () => {
  it("is explained in the user's language, with the provider's words only as a marked detail", async () => {
    const { page } = session;
    await restAs(session.api.baseUrl, ownerToken, "POST", "/integrations", {
      channel: "telegram",
      name: "Bot da loja",
      config: telegram.config,
    });
    await page.goto(url("/settings/integrations"));
    const detail =
      /^Provider detail: Webhook not registered at http.*An HTTPS URL must be provided for webhook$/;
    await page.getByText(detail).waitFor();
    await page
      .getByText(/^The last test failed\. The provider requires a public HTTPS address.*PUBLIC_URL/)
      .waitFor();

    await inPortuguese(page);
    await page.reload();
    const explained = page.getByText(
      /^O último teste falhou\. O provedor exige um endereço público HTTPS para o webhook: defina PUBLIC_URL/,
    );
    await explained.waitFor();
    expect(await explained.textContent()).not.toContain("Bad Request");
    await page
      .getByText(/^Detalhe do provedor: Webhook not registered at http.*An HTTPS URL must be provided/)
      .waitFor();
    // the raw English is no longer passed off as the sentence of the Portuguese page
    expect(await page.getByText(/^Último teste: Webhook not registered/).count()).toBe(0);
    await screenshot(page, "integrations-provider-error-pt-br");
    await page.evaluate(() => localStorage.removeItem("crm.locale"));
  });
});
