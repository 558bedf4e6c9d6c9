import { linkToken, type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  expectAccessible,
  openPage,
  registerOwner,
  restAs,
  startBrowserSession,
} from "./session";

let smtp: SmtpSink;
let session: BrowserSession;
let ownerToken: string;
const ownerEmail = `owner.${Date.now()}@example.com`;
const password = "correct horse battery";
const phone = { width: 390, height: 844 };

const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

const rest = <T>(token: string, method: string, path: string, body?: unknown): Promise<T> =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

/** A browser of its own, signed in with `token`, on a phone's screen. */
async function phoneContext(
  token: string,
  locale = "en-US",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser.newContext({ locale, viewport: phone, bypassCSP: true });
  await context.addCookies([{ name: "crm_session", value: token, url: session.api.baseUrl }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** A teammate with `role`: their session token. */
async function member(role: "agent" | "viewer"): Promise<string> {
  const email = unique(role);
  await rest(ownerToken, "POST", "/users", { email, role });
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      token: linkToken(await smtp.waitFor(email), "accept-invitation"),
      name: `Member ${role}`,
      password,
    }),
  });
  expect(accepted.status).toBe(200);
  return ((await accepted.json()) as { token: string }).token;
}

/** The element lies inside the phone's width: not past the edge of a row or table that scrolls. */
async function expectInView(locator: Locator, what: string): Promise<void> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= phone.width, `${what} is in view`).toBe(true);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  session = await startBrowserSession({ env: { SMTP_URL: smtp.url }, locale: "en-US" });
  ownerToken = (
    await registerOwner(session, { organizationName: "Loja da Rita", name: "Rita Alves", email: ownerEmail })
  ).token;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe("settings on a phone", () => {
  it("reaches every settings section from the tabs, in English and in Portuguese", async () => {
    for (const [locale, sections] of [
      ["en-US", ["Organization", "Team", "Pipelines", "Custom fields", "Tags", "Integrations", "API keys"]],
      [
        "pt-BR",
        ["Organização", "Equipe", "Funis", "Campos personalizados", "Tags", "Integrações", "Chaves de API"],
      ],
    ] as const) {
      const { context, page } = await phoneContext(ownerToken, locale);
      try {
        await page.goto(url("/settings/organization"));
        const tabs = page.getByRole("navigation", {
          name: locale === "en-US" ? "Settings sections" : "Seções das configurações",
        });
        for (const section of sections) {
          await expectInView(tabs.getByRole("link", { name: section, exact: true }), section);
        }
        await tabs.getByRole("link", { name: sections[6], exact: true }).click();
        await page.waitForURL("**/settings/api-keys");
        await expectNoSidewaysScroll(page);
        if (locale === "en-US") await expectAccessible(page, "phone-settings-tabs");
      } finally {
        await context.close();
      }
    }
  });

  it("shows tags, custom fields and API keys as cards with every action in view", async () => {
    await rest(ownerToken, "POST", "/tags", { name: "Cliente atacado com nome comprido" });
    await rest(ownerToken, "POST", "/custom-fields", { key: "cpf_cnpj", label: "CPF ou CNPJ", type: "text" });
    await rest(ownerToken, "POST", "/api-keys", { name: "Planilha de pedidos da loja", role: "agent" });
    const { context, page } = await phoneContext(ownerToken);
    try {
      await page.goto(url("/settings/tags"));
      await expectInView(
        page.getByRole("button", { name: "Edit tag Cliente atacado com nome comprido" }),
        "Edit",
      );
      await expectInView(
        page.getByRole("button", { name: "Delete tag Cliente atacado com nome comprido" }),
        "Delete",
      );
      await expectNoSidewaysScroll(page);

      await page.goto(url("/settings/custom-fields"));
      await expectInView(page.getByRole("button", { name: "Edit field CPF ou CNPJ" }), "Edit");
      await expectInView(page.getByRole("button", { name: "Delete field CPF ou CNPJ" }), "Delete");
      await expectNoSidewaysScroll(page);

      await page.goto(url("/settings/api-keys"));
      await expectInView(
        page.getByRole("button", { name: "Revoke key Planilha de pedidos da loja" }),
        "Revoke",
      );
      await expectNoSidewaysScroll(page);
      await expectAccessible(page, "phone-api-keys-cards");
    } finally {
      await context.close();
    }
  });

  it("labels each stage's win chance and rotting days where the column headers do not fit", async () => {
    const { context, page } = await phoneContext(ownerToken);
    try {
      await page.goto(url("/settings/pipelines"));
      const probability = page.getByRole("textbox", { name: /^Win chance of/ }).first();
      await probability.waitFor();
      // the visible word stands right above the first stage's input
      const label = page.getByText("Win chance", { exact: true }).filter({ visible: true }).first();
      const rotting = page
        .getByText("Rotting after (days)", { exact: true })
        .filter({ visible: true })
        .first();
      await label.waitFor();
      await rotting.waitFor();
      const [labelBox, inputBox] = [await label.boundingBox(), await probability.boundingBox()];
      expect(labelBox && inputBox && labelBox.y < inputBox.y && inputBox.y - labelBox.y < 40).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe("empty pages say what this role can do", () => {
  it("asks an agent to have a channel connected, and tells a viewer deals will show up", async () => {
    const agent = await phoneContext(await member("agent"));
    try {
      await agent.page.goto(url("/inbox"));
      await agent.page.getByText("Ask an owner or admin to connect a channel.", { exact: false }).waitFor();
      expect(await agent.page.getByRole("link", { name: "Connect a channel" }).count()).toBe(0);
    } finally {
      await agent.context.close();
    }
    const viewer = await phoneContext(await member("viewer"));
    try {
      await viewer.page.goto(url("/deals"));
      await viewer.page.getByText("The deals your team creates for its contacts show up here").waitFor();
      expect(
        await viewer.page.getByText("Create a deal for one of your contacts", { exact: false }).count(),
      ).toBe(0);
    } finally {
      await viewer.context.close();
    }
  });
});

describe("form messages", () => {
  it("says an email is taken once, under the field, with a link to log in, and drops it once the email changes", async () => {
    const { context, page } = await openPage(session.browser);
    try {
      await page.goto(url("/signup"));
      await page.getByLabel("Company name").fill("Outra Loja");
      await page.getByLabel("Your name").fill("Rita");
      await page.getByLabel("Work email").fill(ownerEmail);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Create account" }).click();
      const taken = page.getByText("An account with this email already exists.", { exact: false });
      await taken.first().waitFor();
      expect(await taken.count()).toBe(1);
      await page.getByRole("link", { name: "Try logging in instead." }).waitFor();

      await page.getByLabel("Work email").fill("rita@");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByText("Enter a valid email address", { exact: false }).waitFor();
      expect(await taken.count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("says once that the person invited is already a member", async () => {
    const { page } = session;
    await page.goto(url("/settings/team"));
    await page.getByLabel("Email").fill(ownerEmail);
    await page.getByRole("button", { name: "Send invitation" }).click();
    const already = page.getByText("This person is already a member of this organization.");
    await already.first().waitFor();
    expect(await already.count()).toBe(1);
  });

  it("offers the way back to the login once after asking for a reset link", async () => {
    const { context, page } = await openPage(session.browser);
    try {
      await page.goto(url("/forgot-password"));
      await page.getByLabel("Email").fill(ownerEmail);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await page.getByRole("status").filter({ hasText: ownerEmail }).waitFor();
      expect(await page.getByRole("link", { name: "Back to log in" }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe("phone numbers", () => {
  it("shows a Brazilian number as (21) 99876-5432 on the contact and in its edit form", async () => {
    const { id } = await rest<{ id: string }>(ownerToken, "POST", "/contacts", {
      name: "Joana Reis",
      phone: "+5521998765432",
    });
    const { page } = session;
    await page.goto(url(`/contacts/${id}`));
    await page.getByText("(21) 99876-5432").first().waitFor();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Edit contact" });
    await expect.poll(() => dialog.getByLabel("Phone").inputValue()).toBe("(21) 99876-5432");
    // saved untouched, the number stays the same E.164 number
    await dialog.getByLabel("Name").fill("Joana Reis Lima");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await rest<{ phone: string }>(ownerToken, "GET", `/contacts/${id}`)).phone).toBe(
      "+5521998765432",
    );
  });
});
