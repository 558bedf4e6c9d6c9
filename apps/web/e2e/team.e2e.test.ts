import { type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, openPage, signUp, startBrowserSession } from "./session";

let session: BrowserSession;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  session = await startBrowserSession({ env: { SMTP_URL: smtp.url }, locale: "en-US" });
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

const url = (path: string) => `${session.api.baseUrl}${path}`;
const unique = (tag: string) => `${tag}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

describe("inviting teammates", () => {
  it("drops a revoked invitation from the pending list; an invitee with an account elsewhere learns what to do", async () => {
    const { page } = session;
    await signUp(page, session.api.baseUrl, {
      organizationName: "Loja da Ana",
      name: "Ana Lima",
      email: unique("ana"),
      password: "correct horse battery",
    });
    // someone who already uses CRM Manager in another organization
    const elsewhere = unique("caio");
    const registered = await fetch(url("/api/v1/auth/register"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        organizationName: "Outra Loja",
        name: "Caio",
        email: elsewhere,
        password: "correct horse battery",
      }),
    });
    expect(registered.status).toBe(200);

    await page.goto(url("/settings/team"));
    const pending = page.getByRole("table", { name: "Pending invitations" });
    const invite = async (email: string) => {
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await page.getByText(`Invitation sent to ${email}.`).waitFor();
      await pending.getByText(email).waitFor();
    };
    await invite(elsewhere);
    const revoked = unique("bia");
    await invite(revoked);
    await page.getByRole("button", { name: `Revoke invitation for ${revoked}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    // while the dialog is open the page behind it is hidden from the accessibility tree
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await expect.poll(() => pending.getByText(revoked).count()).toBe(0);
    expect(await pending.getByText(elsewhere).count()).toBe(1);

    const token = (await smtp.waitFor(elsewhere)).text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
    for (const [locale, message] of [
      ["en-US", "This email address already has a CRM Manager account in another organization"],
      ["pt-BR", "Este endereço de e-mail já tem uma conta do CRM Manager em outra organização"],
    ] as const) {
      const { context, page: invitee } = await openPage(session.browser, locale);
      try {
        await invitee.goto(url(`/accept-invitation?token=${token}`));
        await invitee.locator("input[autocomplete=name]").fill("Caio");
        await invitee.locator("input[autocomplete=new-password]").fill("correct horse battery");
        await invitee.locator("button[type=submit]").click();
        await invitee.getByRole("alert").getByText(message).waitFor();
        if (locale === "en-US") await expectAccessible(invitee, "team-01-accept-with-account-elsewhere");
      } finally {
        await context.close();
      }
    }
  });
});
