import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import {
  launchBrowser,
  newContext,
  type RunningApi,
  screenshot,
  seriousA11yProblems,
  startApi,
} from "./harness";

/** A fresh context (see `newContext`) with one page whose actions wait up to 15 s. */
export async function openPage(
  browser: Browser,
  locale?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export interface BrowserSession {
  api: RunningApi;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** For a whole test file: the API (`env` points it at fake providers), a browser and one page. */
export async function startBrowserSession(
  options: { env?: Record<string, string>; locale?: string } = {},
): Promise<BrowserSession> {
  const api = await startApi(options.env);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const { context, page } = await openPage(browser, options.locale);
    const opened = browser;
    const close = async () => {
      await context.close();
      await opened.close();
      await api.stop();
    };
    return { api, browser, context, page, close };
  } catch (error) {
    await browser?.close();
    await api.stop();
    throw error;
  }
}

/** Saves a screenshot named `name` and fails on serious or critical axe violations. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousA11yProblems(page), `serious or critical axe violations on ${name}`).toEqual([]);
}
