import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { startTcpProxy } from "@crm/runtime/testing/tcp-proxy";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  connectWhatsApp,
  expectAccessible,
  openPage,
  registerOwner,
  restAs,
  startBrowserSession,
} from "./session";

let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
let owner: { token: string };
let conversationId: string;
const customer = { name: "Rita Moraes", waId: "5511976543210" };
const password = "correct horse battery";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

/** The REST API as a script calls it, with a session token. */
const rest = <T>(token: string, method: string, path: string, body?: unknown): Promise<T> =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

/** How many live subscriptions the server has started for `page`: news reaches only a started one. */
function countStarted(page: Page): () => number {
  let started = 0;
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => {
      if (String(payload).includes('"type":"started"')) started += 1;
    }),
  );
  return () => started;
}

/** A second session of the member, signed in in a browser of its own. */
async function otherBrowserOf(member: Member): Promise<{ context: BrowserContext; page: Page }> {
  const response = await fetch(url("/api/v1/auth/login"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: member.email, password }),
  });
  const { token } = (await response.json()) as { token: string };
  const { context, page } = await openPage(session.browser);
  await context.addCookies([{ name: "crm_session", value: token, url: session.api.baseUrl }]);
  return { context, page };
}

async function logOutWithTheMenu(page: Page, name: string) {
  await page.getByRole("button", { name: `Account menu: ${name}` }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await page.waitForURL((address) => address.pathname === "/login");
}

interface Member {
  id: string;
  email: string;
  token: string;
  context: BrowserContext;
  page: Page;
  /** How many live subscriptions the server has started for this page: news reaches only a started one. */
  subscriptionsStarted: () => number;
}

/** A teammate invited by the owner, signed in in a browser of their own (`locale`) at `baseUrl`. */
async function member(role: string, locale = "en-US", baseUrl = session.api.baseUrl): Promise<Member> {
  const email = unique(role);
  await rest(owner.token, "POST", "/users", { email, role });
  const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, name: `Member ${role}`, password }),
  });
  const signedIn = (await accepted.json()) as { token: string; user: { id: string } };
  const { context, page } = await openPage(session.browser, locale);
  await context.addCookies([{ name: "crm_session", value: signedIn.token, url: baseUrl }]);
  return {
    id: signedIn.user.id,
    email,
    token: signedIn.token,
    context,
    page,
    subscriptionsStarted: countStarted(page),
  };
}

async function logIn(page: Page, email: string) {
  await page.locator("input[autocomplete=email]").fill(email);
  await page.locator("input[autocomplete=current-password]").fill(password);
  await page.locator("button[type=submit]").click();
}

const composer = (page: Page) => page.getByLabel("Message", { exact: true });
const thread = (page: Page) => page.getByRole("region", { name: `Conversation with ${customer.name}` });

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "en-US",
  });
  // the owner works over the API and in browsers of their own, never in the session's page
  owner = await registerOwner(
    session,
    { organizationName: "Loja da Rita", name: "Otávio" },
    { signIn: false },
  );
  await connectWhatsApp(session, owner.token, whatsapp);
  const delivered = await postWebhook(
    url("/webhooks/whatsapp"),
    whatsapp.signedWebhook(
      whatsAppTextWebhook({
        phoneNumberId: whatsapp.config.phoneNumberId,
        from: customer.waId,
        name: customer.name,
        text: "Oi, ainda tem?",
      }),
    ),
  );
  expect(delivered.status).toBe(200);
  // the worker stores the message a moment after the webhook is answered
  for (let tries = 0; !conversationId && tries < 100; tries += 1) {
    const list = await rest<{ items: Array<{ id: string }> }>(owner.token, "GET", "/conversations");
    conversationId = list.items[0]?.id ?? "";
    if (!conversationId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(conversationId).not.toBe("");
});

afterAll(async () => {
  await session?.close();
  await whatsapp?.close();
  await smtp?.close();
});

describe("a visitor without a session", () => {
  it("is sent to login without a failed request on the way", async () => {
    const { context, page } = await openPage(session.browser);
    try {
      const failed: string[] = [];
      page.on("response", (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      page.on("console", (message) => {
        if (message.type() === "error") failed.push(message.text());
      });
      await page.goto(url("/inbox"));
      await page.getByRole("heading", { name: "Log in" }).waitFor();
      await page.goto(url("/login"));
      await page.getByRole("heading", { name: "Log in" }).waitFor();
      expect(failed).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("a session ended by a change of the member", () => {
  it("takes a demoted member to login at once, saying why, and back to the conversation and draft after", async () => {
    const bia = await member("admin");
    try {
      await bia.page.goto(url(`/inbox/${conversationId}`));
      await thread(bia.page).getByText("Oi, ainda tem?").waitFor();
      // typing sends typing.start: answered before the change, or its 401 would reach login first, reasonless
      const typed = bia.page.waitForResponse((response) => response.url().includes("/trpc/typing.start"));
      await composer(bia.page).fill("Rascunho da Bia");
      await typed;
      await expect.poll(() => bia.subscriptionsStarted()).toBeGreaterThan(0);

      await rest(owner.token, "PATCH", `/users/${bia.id}`, { role: "agent" });

      // nothing done on the page: the live connection brings the news
      await bia.page.getByText("Your access changed; log in again.").waitFor();
      const login = new URL(bia.page.url());
      expect(login.pathname).toBe("/login");
      expect(login.searchParams.get("redirect")).toBe(`/inbox/${conversationId}`);
      expect(login.searchParams.get("reason")).toBe("role_changed");
      await expectAccessible(bia.page, "session-01-role-changed");

      await logIn(bia.page, bia.email);
      await bia.page.waitForURL((address) => address.pathname === `/inbox/${conversationId}`);
      await thread(bia.page).getByText("Oi, ainda tem?").waitFor();
      expect(await composer(bia.page).inputValue()).toBe("Rascunho da Bia");
    } finally {
      await bia.context.close();
    }
  });

  it("tells a removed member, in Portuguese, that the organization is no longer theirs", async () => {
    const caio = await member("agent", "pt-BR");
    try {
      await caio.page.goto(url("/contacts"));
      await caio.page.getByRole("heading", { name: "Contatos" }).waitFor();
      await expect.poll(() => caio.subscriptionsStarted()).toBeGreaterThan(0);

      await rest(owner.token, "DELETE", `/users/${caio.id}`);

      await caio.page.getByText("Você não tem mais acesso a esta organização.").waitFor();
      const login = new URL(caio.page.url());
      expect(login.pathname).toBe("/login");
      expect(login.searchParams.get("redirect")).toBe("/contacts");
      expect(login.searchParams.get("reason")).toBe("removed");
    } finally {
      await caio.context.close();
    }
  });
});

describe("a session logged out in another tab", () => {
  it("takes the other tabs to login at once, saying why, and back to their page and draft; other browsers stay", async () => {
    const eva = await member("agent");
    const otherBrowser = await otherBrowserOf(eva);
    try {
      const leaving = eva.page;
      const told = await eva.context.newPage();
      const toldStarted = countStarted(told);
      const otherStarted = countStarted(otherBrowser.page);
      await told.goto(url(`/inbox/${conversationId}`));
      await thread(told).getByText("Oi, ainda tem?").waitFor();
      // answered before the logout, as in the demotion above
      const typed = told.waitForResponse((response) => response.url().includes("/trpc/typing.start"));
      await composer(told).fill("Rascunho da Eva");
      await typed;
      await leaving.goto(url("/contacts"));
      await otherBrowser.page.goto(url("/contacts"));
      await otherBrowser.page.getByRole("heading", { name: "Contacts" }).waitFor();
      await expect
        .poll(() => toldStarted() > 0 && eva.subscriptionsStarted() > 0 && otherStarted() > 0)
        .toBe(true);

      await logOutWithTheMenu(leaving, "Member agent");

      // nothing done in the other tab: its live connection brings the news
      await told.getByText("You signed out in another tab. Log in again to continue.").waitFor();
      const login = new URL(told.url());
      expect(login.pathname).toBe("/login");
      expect(login.searchParams.get("redirect")).toBe(`/inbox/${conversationId}`);
      expect(login.searchParams.get("reason")).toBe("logged_out");
      await expectAccessible(told, "session-03-logged-out-in-another-tab");
      // the tab that logged out goes to login itself, without a word of another tab
      await leaving.getByRole("heading", { name: "Log in" }).waitFor();
      expect(new URL(leaving.url()).searchParams.get("reason")).toBeNull();
      expect(await leaving.getByText("another tab").count()).toBe(0);

      // the same member in another browser is another session: still signed in, still live
      await rest(owner.token, "POST", "/contacts", { name: "Nova cliente da Eva" });
      await otherBrowser.page.getByText("Nova cliente da Eva").waitFor();
      expect(new URL(otherBrowser.page.url()).pathname).toBe("/contacts");

      await logIn(told, eva.email);
      await told.waitForURL((address) => address.pathname === `/inbox/${conversationId}`);
      await thread(told).getByText("Oi, ainda tem?").waitFor();
      expect(await composer(told).inputValue()).toBe("Rascunho da Eva");
    } finally {
      await eva.context.close();
      await otherBrowser.context.close();
    }
  });

  it("takes a tab whose connection comes back after the logout to login, saying the session ended", async () => {
    const proxy = await startTcpProxy(session.api.baseUrl);
    const fabi = await member("agent");
    try {
      // the same session in another tab, served through a connection that can be cut (its own origin, so its
      // own cookie: the logout clears only the other tab's, and this one names a session that is gone)
      await fabi.context.addCookies([{ name: "crm_session", value: fabi.token, url: proxy.url }]);
      const asleep = await fabi.context.newPage();
      const asleepStarted = countStarted(asleep);
      await asleep.goto(`${proxy.url}/contacts`);
      await asleep.getByRole("heading", { name: "Contacts" }).waitFor();
      await expect.poll(asleepStarted).toBe(1);
      proxy.down();
      await asleep.getByRole("status").filter({ hasText: "Reconnecting…" }).waitFor();

      await fabi.page.goto(url("/contacts"));
      await fabi.page.getByRole("heading", { name: "Contacts" }).waitFor();
      await logOutWithTheMenu(fabi.page, "Member agent");

      proxy.up();
      await asleep.evaluate(() => window.dispatchEvent(new Event("online")));
      await asleep.getByText("Your session has ended. Log in again to continue.").waitFor();
      const login = new URL(asleep.url());
      expect(login.pathname).toBe("/login");
      expect(login.searchParams.get("redirect")).toBe("/contacts");
      await asleep.getByRole("heading", { name: "Log in" }).waitFor();
    } finally {
      await fabi.context.close();
      await proxy.close();
    }
  });
});

describe("a session that ended elsewhere", () => {
  it("goes to login once, however many requests fail, and back to the conversation after login", async () => {
    const dani = await member("agent");
    try {
      // the live connection is held: only the page's own requests find out that the session ended
      await dani.page.routeWebSocket(/\/trpc-ws/, () => {});
      const visited: string[] = [];
      dani.page.on("framenavigated", (frame) => {
        if (frame === dani.page.mainFrame()) visited.push(frame.url());
      });
      await dani.page.goto(url(`/inbox/${conversationId}`));
      await thread(dani.page).getByText("Oi, ainda tem?").waitFor();

      // signed out by another client of the same session; the login page's own check of the session is held
      // back meanwhile, so that each request the page still makes fails while the way to login is under way
      await rest(dani.token, "POST", "/auth/logout", {});
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await dani.page.route(/\/trpc\/auth\.(session|me)\b/, async (route) => {
        await released;
        await route.continue();
      });
      let refused = 0;
      dani.page.on("response", (response) => {
        if (response.status() === 401) refused += 1;
      });
      await composer(dani.page).fill("Já volto");
      await expect.poll(() => refused).toBeGreaterThan(0);
      await composer(dani.page).press("Enter");
      await expect.poll(() => refused).toBeGreaterThan(1);
      release();

      await dani.page.getByRole("heading", { name: "Log in" }).waitFor();
      const login = new URL(dani.page.url());
      expect(login.pathname).toBe("/login");
      expect(login.searchParams.get("redirect")).toBe(`/inbox/${conversationId}`);
      // no request said why, but the login page still says the session ended
      expect(login.searchParams.get("reason")).toBe("signed_out");
      for (const address of visited) expect(decodeURIComponent(address)).not.toContain("redirect=/login");

      await logIn(dani.page, dani.email);
      await dani.page.waitForURL((address) => address.pathname === `/inbox/${conversationId}`);
      await thread(dani.page).getByText("Oi, ainda tem?").waitFor();
    } finally {
      await dani.context.close();
    }
  });
});

describe("live updates across an API restart", () => {
  it("says it is reconnecting only while the server is away, then replays what was missed", async () => {
    const proxy = await startTcpProxy(session.api.baseUrl);
    const { context, page } = await openPage(session.browser);
    try {
      await context.addCookies([{ name: "crm_session", value: owner.token, url: proxy.url }]);
      // remembers whether the indicator ever showed, however briefly
      await page.addInitScript(() => {
        const seen = () => document.body?.textContent?.includes("Reconnecting…") ?? false;
        new MutationObserver(() => {
          if (seen()) (window as unknown as { sawReconnecting: boolean }).sawReconnecting = true;
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      const sawReconnecting = () =>
        page.evaluate(() => (window as unknown as { sawReconnecting?: boolean }).sawReconnecting === true);
      const reconnecting = page.getByRole("status").filter({ hasText: "Reconnecting…" });
      // subscriptions the server started: an event published after one is delivered to it
      let started = 0;
      page.on("websocket", (socket) =>
        socket.on("framereceived", ({ payload }) => {
          if (String(payload).includes('"type":"started"')) started += 1;
        }),
      );

      await page.goto(`${proxy.url}/contacts`);
      await page.getByRole("heading", { name: "Contacts" }).waitFor();
      await expect.poll(() => started).toBe(1);
      await rest(owner.token, "POST", "/contacts", { name: "Before the restart" });
      await page.getByText("Before the restart").waitFor();
      expect(await sawReconnecting()).toBe(false);

      proxy.down();
      await reconnecting.waitFor();
      await expectAccessible(page, "session-02-reconnecting");
      await rest(owner.token, "POST", "/contacts", { name: "While it was away" });

      proxy.up();
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await reconnecting.waitFor({ state: "detached" });
      await page.getByText("While it was away").waitFor();
    } finally {
      await context.close();
      await proxy.close();
    }
  });
});
