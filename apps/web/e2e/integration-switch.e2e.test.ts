import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  expectAccessible,
  integrationItem,
  signUp,
  startBrowserSession,
} from "./session";

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

const url = (path: string) => `${session.api.baseUrl}${path}`;
const item = () => integrationItem(page, "WhatsApp loja");

async function openLog() {
  await item().getByRole("button", { name: "Webhook log" }).click();
  const dialog = page.getByRole("dialog", { name: "Webhook log of WhatsApp loja" });
  return dialog.getByRole("table", { name: "Webhook deliveries" });
}

describe("switching a channel off and on", () => {
  it("clears a failed test when new credentials are saved", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Loja da Ana",
      name: "Ana Lima",
      email: `ana.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    await page.goto(url("/settings/integrations"));
    // another business's token cannot read this number at Meta: refused, said under the fields, nothing saved
    const anotherBusiness = whatsapp.addPhoneNumber({ accessToken: `EAAG${"2".repeat(40)}` });
    await page.getByRole("button", { name: "Connect WhatsApp" }).click();
    const connect = page.getByRole("dialog", { name: "Connect WhatsApp" });
    await connect.getByLabel("Name", { exact: true }).fill("WhatsApp loja");
    await connect.getByLabel("Phone number ID", { exact: true }).fill(whatsapp.config.phoneNumberId);
    await connect.getByLabel("Access token", { exact: true }).fill(anotherBusiness.accessToken);
    await connect.getByLabel("App secret", { exact: true }).fill(whatsapp.config.appSecret);
    await connect.getByLabel("Verify token", { exact: true }).fill(whatsapp.config.verifyToken);
    await connect.getByRole("button", { name: "Connect", exact: true }).click();
    const refused = connect.getByText("WhatsApp says this access token cannot use this phone number ID.", {
      exact: false,
    });
    await refused.first().waitFor();
    expect(await refused.count()).toBe(2);
    await connect.getByLabel("Access token", { exact: true }).fill(whatsapp.config.accessToken);
    await connect.getByRole("button", { name: "Connect", exact: true }).click();
    await connect.waitFor({ state: "detached" });
    await item().waitFor();
    whatsapp.failNext(401);
    await item().getByRole("button", { name: "Test" }).click();
    await item().getByText("Test failed", { exact: true }).waitFor();

    await item().getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: "Edit WhatsApp loja" });
    // a renewed token, which Meta lets read the number (the expired one no longer can)
    const renewed = whatsapp.addPhoneNumber({
      phoneNumberId: whatsapp.config.phoneNumberId,
      accessToken: `EAAG${"1".repeat(40)}`,
    });
    await edit.getByLabel("Access token", { exact: true }).fill(renewed.accessToken);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "detached" });
    await item().getByText("Not tested yet").waitFor();
    expect(await item().getByText("Test failed", { exact: true }).count()).toBe(0);
    expect(
      await item()
        .getByText(/refused these credentials/)
        .count(),
    ).toBe(0);
  });

  it("asks before disabling, keeps what arrives meanwhile, and delivers it when enabled again", async () => {
    await item().getByRole("button", { name: "Disable" }).click();
    const confirm = page.getByRole("dialog", { name: "Disable WhatsApp loja?" });
    await confirm.getByText(/Messages customers send meanwhile are kept in its webhook log/).waitFor();
    await expectAccessible(page, "settings-integrations-disable");
    await confirm.getByRole("button", { name: "Disable", exact: true }).click();
    await confirm.waitFor({ state: "detached" });
    await item().getByText("Disabled", { exact: true }).waitFor();

    const webhook = whatsAppTextWebhook({
      phoneNumberId: whatsapp.config.phoneNumberId,
      from: "5511987650001",
      text: "Vocês abrem amanhã?",
    });
    expect((await postWebhook(url("/webhooks/whatsapp"), whatsapp.signedWebhook(webhook))).status).toBe(200);

    const log = await openLog();
    const held = log.getByRole("row").filter({ hasText: "Received while disabled" });
    await held.getByText("Kept; processed when the integration is enabled again.").waitFor();
    await page.keyboard.press("Escape");

    await item().getByRole("button", { name: "Enable" }).click();
    await item()
      .getByText("Enabled. The 1 delivery received while it was disabled is being processed now.")
      .waitFor();
    await item().getByText("Active", { exact: true }).waitFor();

    const after = await openLog();
    const processed = after.getByRole("row").filter({ hasText: "Processed" });
    await processed.getByText("1", { exact: true }).waitFor({ timeout: 30_000 });
    expect(await after.getByRole("row").filter({ hasText: "Received while disabled" }).count()).toBe(0);
    await page.keyboard.press("Escape");
  });
});
