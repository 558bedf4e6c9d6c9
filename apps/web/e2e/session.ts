import {
  type FakeStripe,
  type FakeWhatsApp,
  startFakeStripe,
  startFakeWhatsApp,
} from "@crm/integrations/testing";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
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

export interface PaymentsSession {
  session: BrowserSession;
  whatsapp: FakeWhatsApp;
  stripe: FakeStripe;
  close: () => Promise<void>;
}

/** A browser session (English) whose API talks to fake WhatsApp and Stripe servers. */
export async function startPaymentsSession(): Promise<PaymentsSession> {
  const [whatsapp, stripe] = await Promise.all([startFakeWhatsApp(), startFakeStripe()]);
  const closeFakes = () => Promise.all([whatsapp.close(), stripe.close()]).then(() => undefined);
  const session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, STRIPE_API_BASE: stripe.apiBase },
    locale: "en-US",
  }).catch(async (error: unknown) => {
    await closeFakes();
    throw error;
  });
  return {
    session,
    whatsapp,
    stripe,
    async close() {
      await session.close();
      await closeFakes();
    },
  };
}

/** Saves a screenshot named `name` and fails on serious or critical axe violations. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousA11yProblems(page), `serious or critical axe violations on ${name}`).toEqual([]);
}

export interface Owner {
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

/** The REST API as a script calls it, with a session token; anything but 200 fails the test. */
export async function restAs<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect([200, 201], `${method} ${path}: ${response.status}`).toContain(response.status);
  return (await response.json()) as T;
}

export interface RegisteredOwner {
  token: string;
  user: { id: string };
}

/**
 * Registers an owner and their organization over the API, as a script would (with a fresh email and the password
 * "correct horse battery" unless given; anything but 200 fails the test), and signs the session's browser in as
 * them with the session cookie, unless `signIn` is false.
 */
export async function registerOwner(
  session: BrowserSession,
  owner: { organizationName: string; name: string; email?: string; password?: string },
  { signIn = true }: { signIn?: boolean } = {},
): Promise<RegisteredOwner> {
  const response = await fetch(`${session.api.baseUrl}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      organizationName: owner.organizationName,
      name: owner.name,
      email: owner.email ?? `owner.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`,
      password: owner.password ?? "correct horse battery",
    }),
  });
  expect(response.status, "POST /auth/register").toBe(200);
  const registered = (await response.json()) as RegisteredOwner;
  if (signIn) {
    await session.context.addCookies([
      { name: "crm_session", value: registered.token, url: session.api.baseUrl },
    ]);
  }
  return registered;
}

/** Connects the fake WhatsApp to the organization over the API, as the holder of `token`. */
export const connectWhatsApp = (
  session: BrowserSession,
  token: string,
  whatsapp: FakeWhatsApp,
  name = "WhatsApp loja",
): Promise<{ id: string }> =>
  restAs(session.api.baseUrl, token, "POST", "/integrations", {
    channel: "whatsapp",
    name,
    config: whatsapp.config,
  });

/** Signs up through the form and waits for the inbox the app lands on. */
export async function signUp(page: Page, baseUrl: string, owner: Owner): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Company name").fill(owner.organizationName);
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Work email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/inbox");
}

/** An integration's item in the settings list, found by its name. */
export const integrationItem = (page: Page, name: string): Locator =>
  page
    .getByRole("list", { name: "Connected integrations" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name, exact: true }) });

/** On the integrations settings page: fills the "Connect <kind>" form and waits for the new item. */
export async function connectIntegration(
  page: Page,
  kind: string,
  name: string,
  fields: Record<string, string>,
): Promise<void> {
  await page.getByRole("button", { name: `Connect ${kind}` }).click();
  const dialog = page.getByRole("dialog", { name: `Connect ${kind}` });
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  for (const [label, value] of Object.entries(fields)) {
    await dialog.getByLabel(label, { exact: true }).fill(value);
  }
  await dialog.getByRole("button", { name: "Connect", exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await integrationItem(page, name).waitFor();
}

/** Drags with real pointer events in small steps, as a person's mouse would (dnd-kit's pointer sensor). */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error("drag: element not visible");
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2 + 10, start.y + start.height / 2 + 5, { steps: 5 });
  await page.mouse.move(end.x + end.width / 2, end.y + 80, { steps: 20 });
  await page.mouse.up();
}
