import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  connectWhatsApp,
  openPage,
  registerOwner,
  restAs,
  startBrowserSession,
} from "./session";

let whatsapp: FakeWhatsApp;
let smtp: SmtpSink;
let session: BrowserSession;
let page: Page;
let owner: { token: string; user: { id: string } };
let pipeline: { id: string; stages: Array<{ id: string; name: string }> };
let integrationId: string;
const password = "correct horse battery";
/** More than a page of the inbox (30): the list must page to show them all. */
const conversationCount = 35;
const customer = "Beatriz Souza";
let conversationId = "";
let dealId = "";
let contactId = "";
const dealTitle = "Café especial: 10 kg";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

/** The REST API as a script calls it, with a session token. */
const rest = <T>(token: string, method: string, path: string, body?: unknown): Promise<T> =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

/** A teammate invited by the owner, signed in in a browser of their own. */
async function member(
  role: string,
  locale = "en-US",
): Promise<{ id: string; context: BrowserContext; page: Page }> {
  const email = unique(role);
  await rest(owner.token, "POST", "/users", { email, role });
  const token = (await smtp.waitFor(email)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, name: `Member ${role}`, password }),
  });
  const signedIn = (await accepted.json()) as { token: string; user: { id: string } };
  const opened = await openPage(session.browser, locale);
  await opened.context.addCookies([{ name: "crm_session", value: signedIn.token, url: session.api.baseUrl }]);
  return { id: signedIn.user.id, ...opened };
}

async function startConversation(name: string, phone: string): Promise<string> {
  const contact = await rest<{ id: string }>(owner.token, "POST", "/contacts", { name, phone });
  const conversation = await rest<{ id: string }>(owner.token, "POST", "/conversations", {
    contactId: contact.id,
    integrationId,
  });
  return conversation.id;
}

beforeAll(async () => {
  [whatsapp, smtp] = await Promise.all([startFakeWhatsApp(), startSmtpSink()]);
  session = await startBrowserSession({
    env: { WHATSAPP_API_BASE: whatsapp.apiBase, SMTP_URL: smtp.url },
    locale: "en-US",
  });
  page = session.page;
  owner = await registerOwner(session, { organizationName: "Torrefação Serra Azul", name: "Júlia" });
  integrationId = (await connectWhatsApp(session, owner.token, whatsapp)).id;
  const pipelines = await rest<{ items: (typeof pipeline)[] }>(owner.token, "GET", "/pipelines");
  const first = pipelines.items[0];
  if (!first || first.stages.length < 3) throw new Error("the default pipeline has fewer than 3 stages");
  pipeline = first;
  for (let n = 1; n < conversationCount; n += 1) {
    await startConversation(`Cliente ${String(n).padStart(2, "0")}`, `+5511990${String(n).padStart(6, "0")}`);
  }
  conversationId = await startConversation(customer, "+5511987654321");
  contactId = (
    await rest<{ contact: { id: string } }>(owner.token, "GET", `/conversations/${conversationId}`)
  ).contact.id;
  dealId = (
    await rest<{ id: string }>(owner.token, "POST", "/deals", {
      title: dealTitle,
      contactId,
      pipelineId: pipeline.id,
      stage: pipeline.stages[0]?.id,
      value: { amount: "1500.00", currency: "BRL" },
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await session?.close();
  await whatsapp?.close();
  await smtp?.close();
});

const stageName = (index: number) => pipeline.stages[index]?.name ?? "";
const stageId = (index: number) => pipeline.stages[index]?.id ?? "";
const dealStage = async () => (await rest<{ stage: string }>(owner.token, "GET", `/deals/${dealId}`)).stage;
const dealStatus = (id: string) => async () =>
  (await rest<{ status: string }>(owner.token, "GET", `/deals/${id}`)).status;
const panel = (on: Page) => on.getByRole("complementary", { name: "Contact" });

describe("the deals of the conversation's contact", () => {
  it("moves an open deal to another stage of its pipeline from the contact panel", async () => {
    await page.goto(url(`/inbox/${conversationId}`));
    const stage = panel(page).getByRole("combobox", { name: `Stage of “${dealTitle}”` });
    expect(await stage.inputValue()).toBe(stageId(0));
    await stage.selectOption({ label: stageName(1) });
    await expect.poll(dealStage).toBe(stageId(1));
    expect(await stage.inputValue()).toBe(stageId(1));
  });

  it("puts the deal back and says why when someone changed it since the panel loaded it", async () => {
    // no realtime news, so the panel still has the version from before the colleague's change
    await page.routeWebSocket(/\/trpc-ws/, () => {});
    await page.reload();
    const stage = panel(page).getByRole("combobox", { name: `Stage of “${dealTitle}”` });
    await expect.poll(() => stage.inputValue()).toBe(stageId(1));
    await rest(owner.token, "PATCH", `/deals/${dealId}`, { title: dealTitle, value: { amount: "1600.00" } });

    await stage.selectOption({ label: stageName(2) });
    const notice = panel(page).getByRole("alert");
    await notice
      .getByText(`“${dealTitle}” could not be moved to ${stageName(2)}, so it is back in ${stageName(1)}.`, {
        exact: false,
      })
      .waitFor();
    await notice.getByText("Someone changed this deal in the meantime", { exact: false }).waitFor();
    await expect.poll(() => stage.inputValue()).toBe(stageId(1));
    expect(await dealStage()).toBe(stageId(1));
    await page.unrouteAll({ behavior: "ignoreErrors" });
  });

  it("shows a viewer the stage without a way to move it", async () => {
    const viewer = await member("viewer");
    try {
      await viewer.page.goto(url(`/inbox/${conversationId}`));
      await panel(viewer.page).getByText(stageName(1), { exact: true }).waitFor();
      expect(await panel(viewer.page).getByRole("combobox").count()).toBe(0);
      expect(await panel(viewer.page).getByRole("button", { name: "Mark as won" }).count()).toBe(0);
    } finally {
      await viewer.context.close();
    }
  });

  it("marks one deal as won, and another as lost with a reason, from the panel", async () => {
    const grinder = await rest<{ id: string }>(owner.token, "POST", "/deals", {
      title: "Moedor elétrico",
      contactId,
      pipelineId: pipeline.id,
      stage: stageId(0),
      value: { amount: "899.00", currency: "BRL" },
    });
    const inbox = await session.context.newPage();
    try {
      await inbox.goto(url(`/inbox/${conversationId}`));
      const item = (title: string) =>
        panel(inbox)
          .getByRole("listitem")
          .filter({ has: inbox.getByRole("link", { name: title }) });
      await item(dealTitle).getByRole("button", { name: "Mark as won" }).click();
      const confirm = inbox.getByRole("dialog", { name: "Mark deal as won" });
      // the value an earlier test left it at
      expect(await confirm.textContent()).toMatch(
        /“Café especial: 10 kg” \(R\$1,600\.00\) will be marked as won/,
      );
      await confirm.getByRole("button", { name: "Mark as won" }).click();
      await confirm.waitFor({ state: "detached" });
      await expect.poll(dealStatus(dealId)).toBe("won");
      // a closed deal has no stage to move any more
      await item(dealTitle).getByRole("combobox").waitFor({ state: "detached" });

      await item("Moedor elétrico").getByRole("button", { name: "Mark as lost" }).click();
      const dialog = inbox.getByRole("dialog", { name: "Mark deal as lost" });
      await dialog.getByLabel("Lost reason").selectOption({ label: "Other (write it below)" });
      await dialog.getByLabel("Describe the reason").fill("Comprou de outro fornecedor");
      await dialog.getByRole("button", { name: "Mark as lost" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(dealStatus(grinder.id)).toBe("lost");
    } finally {
      await inbox.close();
    }
  });
});

describe("deep paging of the conversation list", () => {
  it("loads the next page once when the end of the list scrolls into view, keeping the button for keyboards", async () => {
    const inbox = await session.context.newPage();
    try {
      const pagesAfterTheFirst: string[] = [];
      inbox.on("request", (request) => {
        const address = decodeURIComponent(request.url());
        if (address.includes("conversations.list") && address.includes('"cursor":"')) {
          pagesAfterTheFirst.push(address);
        }
      });
      await inbox.goto(url("/inbox"));
      const list = inbox.getByRole("list", { name: "Conversations" });
      await list.getByRole("listitem").first().waitFor();
      // the list renders only the rows in view; its height says how many it holds (88 px a row)
      const rowsHeld = () => list.evaluate((element) => element.getBoundingClientRect().height / 88);
      expect(await rowsHeld()).toBe(30);
      expect(await inbox.getByRole("button", { name: "Load more" }).count()).toBe(1);

      await list.evaluate((element) =>
        element.parentElement?.scrollTo({ top: element.parentElement.scrollHeight }),
      );
      await expect.poll(rowsHeld).toBe(conversationCount);
      await inbox.getByRole("button", { name: "Load more" }).waitFor({ state: "detached" });
      expect(pagesAfterTheFirst).toHaveLength(1);
    } finally {
      await inbox.close();
    }
  });
});

describe("the counts of the assignee filter", () => {
  const options = (on: Page) => on.getByLabel("Assigned to").locator("option").allTextContents();

  it("shows how many conversations each option holds and counts again after a change reaches the list", async () => {
    const inbox = await session.context.newPage();
    try {
      await inbox.goto(url("/inbox"));
      await expect
        .poll(() => options(inbox), { timeout: 10_000 })
        .toEqual([`All (${conversationCount})`, "Mine (0)", `Unassigned (${conversationCount})`]);
      await rest(owner.token, "PATCH", `/conversations/${conversationId}`, { assignedTo: owner.user.id });
      await expect
        .poll(() => options(inbox), { timeout: 10_000 })
        .toEqual([`All (${conversationCount})`, "Mine (1)", `Unassigned (${conversationCount - 1})`]);
    } finally {
      await inbox.close();
    }
  });

  it("names the agent's widest option for what it holds: their own and the unassigned ones", async () => {
    const agent = await member("agent", "pt-BR");
    try {
      await agent.page.goto(url("/inbox"));
      const select = agent.page.getByLabel("Atribuída a");
      await expect
        .poll(() => select.locator("option").allTextContents(), { timeout: 10_000 })
        .toEqual([
          `Minhas e sem responsável (${conversationCount - 1})`,
          "Minhas (0)",
          `Sem responsável (${conversationCount - 1})`,
        ]);
    } finally {
      await agent.context.close();
    }
  });
});

describe("a list that holds still under the cursor", () => {
  it("keeps a new conversation behind a pill while the mouse is over the list, and shows it on a click", async () => {
    const inbox = await session.context.newPage();
    try {
      await inbox.goto(url("/inbox"));
      const list = inbox.getByRole("list", { name: "Conversations" });
      const rows = list.getByRole("listitem");
      await rows.first().waitFor();
      const topBefore = await rows.first().textContent();
      await rows.nth(1).hover();

      const arrived = await postWebhook(
        url("/webhooks/whatsapp"),
        whatsapp.signedWebhook(
          whatsAppTextWebhook({
            phoneNumberId: whatsapp.config.phoneNumberId,
            from: "5521912345678",
            name: "Renata Freitas",
            text: "Vocês entregam no Rio?",
          }),
        ),
      );
      expect(arrived.status).toBe(200);
      const pill = inbox.getByRole("button", { name: "1 conversation updated — show" });
      await pill.waitFor();
      expect(await rows.first().textContent()).toBe(topBefore);
      expect(await list.getByText("Renata Freitas").count()).toBe(0);

      // a later update of the same burst may re-render the pill (or raise its count) while it is clicked
      const anyPill = inbox.getByRole("button", { name: /^\d+ conversations? updated — show$/ });
      await anyPill.click();
      await rows.first().getByText("Renata Freitas").waitFor();
      await anyPill.waitFor({ state: "detached" });
    } finally {
      await inbox.close();
    }
  });
});
