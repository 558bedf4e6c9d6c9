import {
  type FakeWhatsApp,
  postWebhook,
  startFakeWhatsApp,
  whatsAppTextWebhook,
} from "@crm/integrations/testing";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, connectWhatsApp, registerOwner, startBrowserSession } from "./session";

let whatsapp: FakeWhatsApp;
let session: BrowserSession;
let page: Page;
let ownerToken: string;

const beatriz = { name: "Beatriz Souza", waId: "5511987654321" };
const caio = { name: "Caio Ramos", waId: "5511976543210" };

const url = (path: string) => `${session.api.baseUrl}${path}`;

/** The REST API as a script calls it, with the owner's session token. */
async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url(`/api/v1${path}`), {
    method,
    headers: {
      authorization: `Bearer ${ownerToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect([200, 201], `${method} ${path}: ${response.status}`).toContain(response.status);
  return (await response.json()) as T;
}

function inbound(customer: { name: string; waId: string }, text: string) {
  return postWebhook(
    url("/webhooks/whatsapp"),
    whatsapp.signedWebhook(
      whatsAppTextWebhook({
        phoneNumberId: whatsapp.config.phoneNumberId,
        from: customer.waId,
        name: customer.name,
        text,
      }),
    ),
  );
}

/** Whether the element has the keyboard focus; polled, since focus comes back once the dialog has gone. */
const hasFocus = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
const focusedTag = (target: Page) => target.evaluate(() => document.activeElement?.tagName ?? null);
/** Lets pending effects run: what a test checks the absence of has had its chance to happen. */
const settle = (target: Page) =>
  target.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));

const conversations = () => page.getByRole("list", { name: "Conversations" });
const row = (customer: { name: string }) =>
  conversations().getByRole("link", { name: new RegExp(customer.name) });
const thread = (target: Page, customer: { name: string }) =>
  target.getByRole("region", { name: `Conversation with ${customer.name}` });
const composer = (target: Page) => target.getByLabel("Message", { exact: true });

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  session = await startBrowserSession({ env: { WHATSAPP_API_BASE: whatsapp.apiBase }, locale: "en-US" });
  page = session.page;
  ownerToken = (await registerOwner(session, { organizationName: "Loja Exemplo", name: "Ana Lima" })).token;
  await connectWhatsApp(session, ownerToken, whatsapp);
  expect((await inbound(caio, "Bom dia, vocês abrem sábado?")).status).toBe(200);
  expect((await inbound(beatriz, "Olá! Vocês têm o café especial?")).status).toBe(200);
  // the webhooks are processed in the background
  for (let tries = 0; ; tries++) {
    if ((await rest<{ items: unknown[] }>("GET", "/conversations")).items.length === 2) break;
    if (tries === 100) throw new Error("the two conversations did not appear");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  await session?.close();
  await whatsapp?.close();
});

describe("dialogs give focus back", () => {
  it("to the button that opened them, after Escape or the close button", async () => {
    await page.goto(url("/contacts"));
    const newContact = page.getByRole("button", { name: "New contact" }).first();
    await newContact.click();
    await page.getByRole("dialog", { name: "New contact" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(() => hasFocus(newContact)).toBe(true);

    await page.goto(url("/settings/api-keys"));
    const createKey = page.getByRole("button", { name: "Create API key" }).first();
    await createKey.click();
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => hasFocus(createKey)).toBe(true);
  });

  it("to what took the place of the button when the dialog's action removed it (a deal marked lost)", async () => {
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Marcos Prado" });
    await page.goto(url(`/contacts/${contact.id}`));
    await page.getByRole("button", { name: "New deal" }).first().click();
    const create = page.getByRole("dialog", { name: "New deal" });
    await expect.poll(() => hasFocus(create.getByLabel("Title"))).toBe(true);
    await create.getByLabel("Title").fill("Café em grãos: 20 kg");
    await create.getByLabel("Value").fill("1200");
    await create.getByRole("button", { name: "Create deal" }).click();
    await create.waitFor({ state: "detached" });
    await expect.poll(() => focusedTag(page)).not.toBe("BODY");

    await page.getByRole("link", { name: "Café em grãos: 20 kg" }).click();
    await page.getByRole("button", { name: "Mark as lost" }).click();
    const lost = page.getByRole("dialog", { name: "Mark deal as lost" });
    // the dialog opens on its first field: the organization's lost reasons (its own, in Portuguese)
    await expect.poll(() => hasFocus(lost.getByLabel("Lost reason"))).toBe(true);
    await lost.getByLabel("Lost reason").selectOption({ label: "Escolheu um concorrente" });
    await lost.getByRole("button", { name: "Mark as lost" }).click();
    await lost.waitFor({ state: "detached" });
    await expect.poll(() => hasFocus(page.getByRole("button", { name: "Reopen" }))).toBe(true);
  });
});

describe("a dialog opens where the user works", () => {
  it("on a form's first field: what is typed right away goes in, and its space closes nothing", async () => {
    await page.goto(url("/contacts"));
    await page.getByRole("button", { name: "New contact" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New contact" });
    await dialog.waitFor();
    await expect.poll(() => hasFocus(dialog.getByLabel("Name"))).toBe(true);
    await page.keyboard.type("Maria Silva");
    expect(await dialog.getByLabel("Name").inputValue()).toBe("Maria Silva");
    expect(await dialog.isVisible()).toBe(true);
    // what was typed is not thrown away without asking
    await page.keyboard.press("Escape");
    const discard = page.getByRole("dialog", { name: "Discard changes?" });
    await discard.getByRole("button", { name: "Discard changes" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("on Cancel when it asks before deleting, so an Enter out of habit deletes nothing", async () => {
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Rita Campos" });
    await page.goto(url(`/contacts/${contact.id}`));
    await page.getByRole("button", { name: "Delete Rita Campos" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete contact?" });
    await expect.poll(() => hasFocus(dialog.getByRole("button", { name: "Cancel" }))).toBe(true);
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Rita Campos", level: 1 }).waitFor();
  });

  it("on a phone too, where the user tapped New contact to type one in", async () => {
    const phone = await session.browser.newContext({
      locale: "pt-BR",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await phone.addCookies([{ name: "crm_session", value: ownerToken, url: session.api.baseUrl }]);
      const onPhone = await phone.newPage();
      onPhone.setDefaultTimeout(15_000);
      await onPhone.goto(url("/contacts"));
      await onPhone.getByRole("button", { name: "Novo contato" }).first().tap();
      const dialog = onPhone.getByRole("dialog", { name: "Novo contato" });
      await expect.poll(() => hasFocus(dialog.getByLabel("Nome", { exact: true }))).toBe(true);
      await onPhone.keyboard.type("Maria Silva");
      expect(await dialog.getByLabel("Nome", { exact: true }).inputValue()).toBe("Maria Silva");
    } finally {
      await phone.close();
    }
  });
});

describe("the pipeline editor", () => {
  it("tells a screen reader how to move stages and what a drag did, in the user's language", async () => {
    await page.goto(url("/settings/pipelines"));
    await page.evaluate(() => window.localStorage.setItem("crm.locale", "pt-BR"));
    try {
      await page.reload();
      const stages = page.getByRole("list", { name: "Etapas" });
      const second = await stages.getByLabel("Nome da etapa 2").inputValue();
      // dnd-kit's hidden instructions and its live region: English by default
      const instructions = page.locator('[id^="DndDescribedBy"]');
      expect(await instructions.textContent()).toBe(
        "Arraste uma etapa pela alça com o mouse ou mova-a com os botões Mover para cima e Mover para baixo dela.",
      );
      // the live region holds the latest sentence only: keep each one it says
      await page.evaluate(() => {
        const region = document.querySelector('[id^="DndLiveRegion"]');
        const heard: string[] = [];
        Object.assign(window, { heard });
        if (!region) throw new Error("no live region");
        new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
      const total = await stages.getByRole("listitem").count();

      const handle = stages.getByRole("listitem").nth(1).locator("button").first();
      const from = await handle.boundingBox();
      const to = await stages.getByRole("listitem").nth(2).boundingBox();
      if (!from || !to) throw new Error("the stage rows are not shown");
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 5 });
      await page.mouse.move(from.x + from.width / 2, to.y + to.height / 2 + 10, { steps: 20 });
      await page.mouse.up();
      const expected = [
        `Etapa ${second} selecionada.`,
        `A etapa ${second} iria para a posição 3 de ${total}.`,
        `A etapa ${second} agora está na posição 3 de ${total}.`,
      ];
      await expect
        .poll(async () =>
          (await heard())
            .filter((text) => expected.includes(text))
            // the row under the pointer can change back and forth while the others make room
            .filter((text, index, said) => text !== said[index - 1]),
        )
        .toEqual(expected);
      expect(await stages.getByLabel("Nome da etapa 3").inputValue()).toBe(second);
    } finally {
      await page.evaluate(() => window.localStorage.setItem("crm.locale", "en"));
    }
  });
});

describe("the open conversation", () => {
  it("puts the cursor in the composer on a wide screen with a mouse", async () => {
    await page.goto(url("/inbox"));
    await row(beatriz).click();
    await thread(page, beatriz).getByText("Olá! Vocês têm o café especial?").waitFor();
    await expect.poll(() => hasFocus(composer(page))).toBe(true);
  });

  it("announces the customer's new message to a screen reader, not the first load nor the user's own", async () => {
    // beside the thread, not in it: the thread already shows the message once
    const announcer = page.locator('[aria-live="polite"][aria-atomic="true"]');
    expect(await announcer.textContent()).toBe("");

    await composer(page).fill("Temos sim! Quer o orçamento?");
    await composer(page).press("Enter");
    await thread(page, beatriz).getByRole("listitem").filter({ hasText: "Quer o orçamento?" }).waitFor();
    await settle(page);
    expect(await announcer.textContent()).toBe("");

    expect((await inbound(beatriz, "Quero sim, pode mandar")).status).toBe(200);
    await thread(page, beatriz).getByRole("listitem").filter({ hasText: "pode mandar" }).waitFor();
    await expect
      .poll(() => announcer.textContent())
      .toBe("New message from Beatriz Souza: Quero sim, pode mandar");
  });

  it("once closed, leaves focus on the next conversation of the list", async () => {
    const actions = page.getByRole("group", { name: "Conversation actions" });
    await actions.getByRole("button", { name: "Close" }).click();
    await actions.getByRole("button", { name: "Reopen" }).waitFor();
    await expect.poll(() => hasFocus(row(caio))).toBe(true);
    await expect.poll(() => row(beatriz).count()).toBe(0);
  });

  it("on a phone, leaves the keyboard closed until the agent taps the composer", async () => {
    const phone = await session.browser.newContext({
      locale: "en-US",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await phone.addCookies([{ name: "crm_session", value: ownerToken, url: session.api.baseUrl }]);
      const onPhone = await phone.newPage();
      onPhone.setDefaultTimeout(15_000);
      await onPhone.goto(url("/inbox"));
      await onPhone.getByRole("link", { name: new RegExp(caio.name) }).click();
      await thread(onPhone, caio).getByText("vocês abrem sábado?").waitFor();
      await composer(onPhone).waitFor();
      await settle(onPhone);
      expect(await hasFocus(composer(onPhone))).toBe(false);
    } finally {
      await phone.close();
    }
  });

  it("shows a quoted search once quoted", async () => {
    await page.goto(url("/inbox"));
    await page.getByLabel("Search messages").fill('"café especial"');
    await page.getByRole("heading", { name: "Messages matching “café especial”", exact: true }).waitFor();
  });
});

describe("organization settings", () => {
  it("say what the time zone is used for, under the field", async () => {
    await page.goto(url("/settings/organization"));
    const description = await page.getByLabel("Time zone").evaluate((select) =>
      (select.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
    expect(description).toContain("contacts CSV export");
  });
});
