import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from "vitest";
import { launchBrowser, type RunningApi, startApi } from "./harness";
import { openPage, signUp } from "./session";

let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  api = await startApi();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

beforeEach(async () => {
  ({ context, page } = await openPage(browser));
});

afterEach(async () => {
  await context.close();
});

const url = (path: string) => `${api.baseUrl}${path}`;

/**
 * The embedded API's queue is always there, so the answer of an API whose Redis is cut off (its shape tested in
 * apps/api/src/redis-cut-emails.integration.test.ts) is given in its place, for `procedure` alone.
 */
function answerUnavailable(procedure: string, message: string) {
  const matches = (address: URL) => address.pathname.includes(procedure);
  const handler = async (route: Route) => {
    const procedures = new URL(route.request().url()).pathname.split("/trpc/")[1]?.split(",") ?? [];
    const error = {
      error: {
        message,
        code: -32603,
        data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, appCode: "UNAVAILABLE", retryAfterSeconds: 60 },
      },
    };
    await route.fulfill({ status: 503, headers: { "retry-after": "60" }, json: procedures.map(() => error) });
  };
  return { install: () => page.route(matches, handler), remove: () => page.unroute(matches, handler) };
}

describe("while the server cannot send emails", () => {
  it("the invite and change-password forms say nothing was done and to try again later", async () => {
    const owner = {
      organizationName: "Papelaria Central",
      name: "Lia Campos",
      email: `lia.${Date.now()}@example.com`,
      password: "correct horse battery",
    };
    await signUp(page, api.baseUrl, owner);

    const invite = answerUnavailable(
      "users.invite",
      "The invitation email cannot be sent right now: nothing was invited, try again in a few minutes",
    );
    await invite.install();
    await page.goto(url("/settings/team"));
    await page.getByLabel("Email").fill("teammate@example.com");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page
      .getByRole("alert")
      .getByText("We cannot send the invitation email right now. Nobody was invited", { exact: false })
      .waitFor();
    await invite.remove();

    const change = answerUnavailable(
      "auth.changePassword",
      "Your password cannot be changed right now (the email telling you so cannot be sent): nothing was changed, try again in a few minutes",
    );
    await change.install();
    await page.goto(url("/account"));
    await page.getByLabel("Current password", { exact: true }).fill(owner.password);
    await page.getByLabel("New password", { exact: true }).fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page
      .getByRole("alert")
      .getByText("so your password was not changed. Try again in a few minutes.", { exact: false })
      .waitFor();
    await change.remove();
  });
});
