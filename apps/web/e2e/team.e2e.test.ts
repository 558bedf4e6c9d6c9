import { linkToken, type SmtpSink, startSmtpSink } from "@crm/worker/testing/smtp-sink";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  expectAccessible,
  openPage,
  registerOwner,
  signUp,
  startBrowserSession,
} from "./session";

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
    await registerOwner(
      session,
      { organizationName: "Outra Loja", name: "Caio", email: elsewhere },
      { signIn: false },
    );

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

/** Invites `email` as an agent from the team page Ana is on; answers the token of the invitation's link. */
async function inviteAgent(email: string): Promise<string> {
  const { page } = session;
  await page.goto(url("/settings/team"));
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.getByText(`Invitation sent to ${email}.`).waitFor();
  return linkToken(await smtp.waitFor(email), "accept-invitation");
}

describe("the invitation page", () => {
  it("says who invites to which organization and as what; a used link says so instead of showing the form", async () => {
    const invitee = unique("bia");
    const token = await inviteAgent(invitee);
    const link = url(`/accept-invitation?token=${token}`);
    for (const [locale, invited] of [
      ["pt-BR", "Ana Lima convidou você para entrar em Loja da Ana como agente."],
      ["en-US", "Ana Lima invited you to join Loja da Ana as agent."],
    ] as const) {
      const { context, page } = await openPage(session.browser, locale);
      try {
        await page.goto(link);
        await page.getByText(invited).waitFor();
        expect(await page.locator("input[autocomplete=username]").inputValue()).toBe(invitee);
        if (locale === "en-US") {
          await expectAccessible(page, "team-02-invitation");
          await page.locator("input[autocomplete=name]").fill("Bia Nunes");
          await page.locator("input[autocomplete=new-password]").fill("correct horse battery");
          await page.locator("button[type=submit]").click();
          await page.waitForURL("**/inbox");
        }
      } finally {
        await context.close();
      }
    }

    for (const [locale, unusable] of [
      ["en-US", "This invitation link can no longer be used"],
      ["pt-BR", "Este link de convite não pode mais ser usado"],
    ] as const) {
      const { context, page } = await openPage(session.browser, locale);
      try {
        await page.goto(link);
        await page.getByRole("alert").getByText(unusable).waitFor();
        expect(await page.locator("input[autocomplete=new-password]").count()).toBe(0);
        if (locale === "en-US") await expectAccessible(page, "team-03-invitation-used");
      } finally {
        await context.close();
      }
    }
  });
});

describe("the team page on a phone", () => {
  const inView = async (locator: Locator) => {
    const box = await locator.boundingBox();
    return box !== null && box.x >= 0 && box.x + box.width <= 390;
  };

  it("lists members and invitations as cards with Remove and Revoke in view; removing one leaves focus in the list", async () => {
    // a second agent besides Bia, so that one is left to take focus when the other is removed
    const caio = unique("caio");
    const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: await inviteAgent(caio),
        name: "Caio Prado",
        password: "correct horse battery",
      }),
    });
    expect(accepted.status).toBe(200);

    const phone = await session.browser.newContext({
      locale: "pt-BR",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
      storageState: await session.context.storageState(),
    });
    try {
      const page = await phone.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(url("/settings/team"));
      const members = page.getByRole("list", { name: "Membros" });
      const bia = members.getByRole("listitem").filter({ hasText: "Bia Nunes" });
      await bia.waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      const remove = bia.getByRole("button", { name: "Remover Bia Nunes" });
      expect(await inView(remove)).toBe(true);
      expect(await inView(bia.getByText("Último acesso"))).toBe(true);
      // the invitation still pending from the first test, as a card too
      const pending = page.getByRole("list", { name: "Convites pendentes" }).getByRole("listitem").first();
      expect(await inView(pending.getByRole("button", { name: /^Revogar convite de / }))).toBe(true);
      await expectAccessible(page, "team-04-members-on-a-phone");

      await remove.click();
      const dialog = page.getByRole("dialog", { name: "Remover membro?" });
      await dialog.getByRole("button", { name: "Cancelar" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => remove.evaluate((element) => element === document.activeElement)).toBe(true);

      await remove.click();
      await dialog.getByRole("button", { name: "Remover", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => bia.count()).toBe(0);
      await expect.poll(() => members.evaluate((list) => list.contains(document.activeElement))).toBe(true);
    } finally {
      await phone.close();
    }
  });
});

describe("a viewer", () => {
  it("opening the contacts import by its address is told they may not import, instead of a form that ends in 403", async () => {
    const ownerToken = (await session.context.cookies()).find(
      (cookie) => cookie.name === "crm_session",
    )?.value;
    if (!ownerToken) throw new Error("the owner is not signed in");
    const email = unique("vera");
    const invited = await fetch(url("/api/v1/users"), {
      method: "POST",
      headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
      body: JSON.stringify({ email, role: "viewer" }),
    });
    expect(invited.status).toBe(201);
    const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: linkToken(await smtp.waitFor(email), "accept-invitation"),
        name: "Vera Lopes",
        password: "correct horse battery",
      }),
    });
    expect(accepted.status).toBe(200);
    const viewerToken = ((await accepted.json()) as { token: string }).token;

    const { context, page } = await openPage(session.browser, "pt-BR");
    try {
      await context.addCookies([{ name: "crm_session", value: viewerToken, url: session.api.baseUrl }]);
      await page.goto(url("/contacts/import"));
      await page.getByRole("heading", { name: "Importar contatos" }).waitFor();
      await page
        .getByText(
          "Você não tem permissão para importar contatos: seu perfil (Leitor) pode consultá-los, mas não adicioná-los nem alterá-los. Proprietários, administradores e agentes podem importar.",
        )
        .waitFor();
      expect(await page.locator("input[type=file]").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Iniciar importação" }).count()).toBe(0);
      await expectAccessible(page, "team-05-viewer-import");
    } finally {
      await context.close();
    }
  });
});

/** The owner's session token, from the browser Ana signed up in. */
async function ownerToken(): Promise<string> {
  const token = (await session.context.cookies()).find((cookie) => cookie.name === "crm_session")?.value;
  if (!token) throw new Error("the owner is not signed in");
  return token;
}

/** Invites and accepts a member with `role` through the API; answers their id and session token. */
async function addMember(
  role: "admin" | "agent" | "viewer",
  name: string,
): Promise<{ id: string; token: string }> {
  const email = unique(name.split(" ")[0]?.toLowerCase() ?? "member");
  const invited = await fetch(url("/api/v1/users"), {
    method: "POST",
    headers: { authorization: `Bearer ${await ownerToken()}`, "content-type": "application/json" },
    body: JSON.stringify({ email, role }),
  });
  expect(invited.status).toBe(201);
  const accepted = await fetch(url("/api/v1/auth/accept-invitation"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      token: linkToken(await smtp.waitFor(email), "accept-invitation"),
      name,
      password: "correct horse battery",
    }),
  });
  expect(accepted.status).toBe(200);
  const body = (await accepted.json()) as { token: string; user: { id: string } };
  return { id: body.user.id, token: body.token };
}

/** The role the API has for a member, read as the owner. */
async function roleOf(id: string): Promise<string> {
  const response = await fetch(url(`/api/v1/users/${id}`), {
    headers: { authorization: `Bearer ${await ownerToken()}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { role: string }).role;
}

describe("pipelines settings by role", () => {
  it("shows an agent the pipelines read-only, without Delete; an admin can still change them", async () => {
    const agent = await addMember("agent", "Gil Souza");
    const admin = await addMember("admin", "Helena Dias");

    const asAgent = await openPage(session.browser, "en-US");
    try {
      const { context, page } = asAgent;
      await context.addCookies([{ name: "crm_session", value: agent.token, url: session.api.baseUrl }]);
      await page.goto(url("/settings/pipelines"));
      await page
        .getByText(
          "You can see the pipelines and move deals through them, but only owners and admins can change them.",
        )
        .waitFor();
      const name = page.getByLabel("Pipeline name");
      await name.waitFor();
      expect(await name.isDisabled()).toBe(true);
      expect(await page.getByLabel("Name of stage 1").isDisabled()).toBe(true);
      expect(await page.getByRole("button", { name: "Delete pipeline" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Save changes" }).count()).toBe(0);
      await expectAccessible(page, "team-06-pipelines-agent");
    } finally {
      await asAgent.context.close();
    }

    const asAdmin = await openPage(session.browser, "en-US");
    try {
      const { context, page } = asAdmin;
      await context.addCookies([{ name: "crm_session", value: admin.token, url: session.api.baseUrl }]);
      await page.goto(url("/settings/pipelines"));
      const name = page.getByLabel("Pipeline name");
      await name.waitFor();
      expect(await name.isDisabled()).toBe(false);
      expect(await page.getByText("only owners and admins can change them").count()).toBe(0);
      await page.getByRole("button", { name: "Delete pipeline" }).waitFor();
      await name.fill("Vendas da loja");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Changes saved.").waitFor();
      const pipelines = await fetch(url("/api/v1/pipelines"), {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      const names = ((await pipelines.json()) as { items: Array<{ name: string }> }).items.map(
        (pipeline) => pipeline.name,
      );
      expect(names).toContain("Vendas da loja");
    } finally {
      await asAdmin.context.close();
    }
  });
});

describe("inviting an address with a pending invitation", () => {
  it("says the new invitation replaces the pending one, naming both roles when they differ", async () => {
    const { page } = session;
    const email = unique("iris");
    await page.goto(url("/settings/team"));
    const send = async (role: string) => {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Role", { exact: true }).selectOption(role);
      await page.getByRole("button", { name: "Send invitation" }).click();
    };
    await send("admin");
    await page.getByText(`Invitation sent to ${email}.`).waitFor();

    await send("agent");
    await page
      .getByText(
        `Invitation sent to ${email} as Agent. It replaces the pending invitation as Admin, whose link no longer works.`,
      )
      .waitFor();
    await send("agent");
    await page
      .getByText(
        `Invitation sent to ${email} again. It replaces the pending one: the earlier link no longer works.`,
      )
      .waitFor();
    // one pending invitation for the address, as Agent
    const pending = page.getByRole("table", { name: "Pending invitations" }).getByRole("row").filter({
      hasText: email,
    });
    await expect.poll(() => pending.count()).toBe(1);
    await pending.getByText("Agent").waitFor();
  });
});

describe("changing a member's role", () => {
  it("asks first: Cancel keeps the role, Change role changes it", async () => {
    const member = await addMember("agent", "Jonas Reis");
    const { page } = session;
    await page.goto(url("/settings/team"));
    const select = page.getByLabel("Role of Jonas Reis");
    await select.waitFor();
    expect(await select.inputValue()).toBe("agent");

    await select.selectOption("viewer");
    const dialog = page.getByRole("dialog", { name: "Change the role of Jonas Reis?" });
    await dialog
      .getByText("Jonas Reis will be Viewer. Their sessions end now: they sign in again to continue", {
        exact: false,
      })
      .waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await select.inputValue()).toBe("agent");
    expect(await roleOf(member.id)).toBe("agent");

    await select.selectOption("viewer");
    await dialog.getByRole("button", { name: "Change role" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => roleOf(member.id)).toBe("viewer");
    await expect.poll(() => select.inputValue()).toBe("viewer");
  });
});
