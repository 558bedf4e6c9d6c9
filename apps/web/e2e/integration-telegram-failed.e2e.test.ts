import { type FakeTelegram, startFakeTelegram } from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  expectAccessible,
  integrationItem,
  registerOwner,
  restAs,
  startBrowserSession,
} from "./session";

let telegram: FakeTelegram;
let session: BrowserSession;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  session = await startBrowserSession({ env: { TELEGRAM_API_BASE: telegram.apiBase }, locale: "en-US" });
});

afterAll(async () => {
  await session?.close();
  await telegram?.close();
});

describe("a Telegram integration whose webhook was not registered", () => {
  it("says it is not registered and how to retry, and fits a phone without scrolling sideways", async () => {
    const { page } = session;
    const { token } = await registerOwner(session, { organizationName: "Papelaria Lume", name: "Vera" });
    // the local API answers over http: Telegram (the fake as the real one) refuses to register it
    await restAs(session.api.baseUrl, token, "POST", "/integrations", {
      channel: "telegram",
      name: "Bot da papelaria",
      config: telegram.config,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${session.api.baseUrl}/settings/integrations`);
    const item = integrationItem(page, "Bot da papelaria");
    await item.getByText(/^Provider detail: Webhook not registered at http/).waitFor();
    await item
      .getByText(
        "Not registered with Telegram yet: fix the problem above, then click Test to register it again.",
      )
      .waitFor();
    expect(await item.getByText("Registered with Telegram automatically", { exact: false }).count()).toBe(0);
    const overflow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    await expectAccessible(page, "integration-telegram-failed-phone");
  });
});
