import { linkToken } from "@crm/worker/testing/smtp-sink";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { email } from "./users-fixtures";

const api = useTestApi();

describe("invitations", () => {
  it("writes the invitation in the organization's language, with its link and expiry", async () => {
    const owner = await api.register({ organizationName: "Loja da Ana" });
    const invitee = email("pt");
    await api.rest("POST", "/users", { token: owner.token, body: { email: invitee, role: "agent" } });
    const mail = await api.smtp.waitFor(invitee);
    expect(mail.subject).toBe("Você foi convidado para o CRM Manager");
    expect(mail.text).toContain(
      'Você foi convidado para entrar na organização "Loja da Ana" no CRM Manager como agente.',
    );
    expect(mail.text).toContain("Aceite dentro de 7 dias:");
    expect(mail.text).not.toMatch(/invited|Accept/);
    const token = linkToken(mail, "accept-invitation");
    const accepted = await api.rest("POST", "/auth/accept-invitation", {
      body: { token, name: "Bia", password: "correct horse battery" },
    });
    expect(accepted.status).toBe(200);

    const english = await api.rest("PATCH", "/organizations/current", {
      token: owner.token,
      body: { locale: "en" },
    });
    expect(english.status).toBe(200);
    const other = email("en");
    await api.rest("POST", "/users", { token: owner.token, body: { email: other, role: "viewer" } });
    const englishMail = await api.smtp.waitFor(other);
    expect(englishMail.subject).toBe("You were invited to CRM Manager");
    expect(englishMail.text).toContain('join the organization "Loja da Ana" on CRM Manager as viewer.');
    expect(englishMail.text).toContain("Accept within 7 days:");
    expect(linkToken(englishMail, "accept-invitation")).toMatch(/^[a-z0-9]+$/);
  });

  it("invites by email; the invitee accepts with a name and password and joins with the invited role", async () => {
    const owner = await api.register();
    const invitee = email("agent");
    const invited = await api.rest<{ id: string; role: string }>("POST", "/users", {
      token: owner.token,
      body: { email: invitee, role: "agent" },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.role).toBe("agent");

    const token = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");
    const accepted = await api.rest<{ token: string; user: { role: string; organizationId: string } }>(
      "POST",
      "/auth/accept-invitation",
      { body: { token, name: "João Souza", password: "correct horse battery" } },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ role: "agent", organizationId: owner.organization.id });

    const again = await api.rest("POST", "/auth/accept-invitation", {
      body: { token, name: "Twice", password: "correct horse battery" },
    });
    expect(again.status).toBe(400);

    const users = await api.rest<{ items: Array<{ email: string }> }>("GET", "/users", {
      token: owner.token,
    });
    expect(users.body.items.map((u) => u.email)).toContain(invitee);
  });

  it("inviting an address again says it replaced the pending invitation, and its role; the old link stops working", async () => {
    const owner = await api.register();
    const invitee = email("again");
    const first = await api.rest<{ id: string; replacedRole: string | null }>("POST", "/users", {
      token: owner.token,
      body: { email: invitee, role: "admin" },
    });
    expect(first.status).toBe(201);
    expect(first.body.replacedRole).toBeNull();
    const oldLink = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");
    const second = await api.rest<{ id: string; role: string; replacedRole: string | null }>(
      "POST",
      "/users",
      {
        token: owner.token,
        body: { email: invitee, role: "agent" },
      },
    );
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ role: "agent", replacedRole: "admin" });
    const preview = await api.rest<{ valid: boolean }>("GET", `/auth/invitation?token=${oldLink}`);
    expect(preview.body.valid).toBe(false);
    // a revoked invitation is not pending: inviting after revoking replaces nothing
    await api.rest("DELETE", `/invitations/${second.body.id}`, { token: owner.token });
    const third = await api.trpc(owner.token).users.invite.mutate({ email: invitee, role: "viewer" });
    expect(third.replacedRole).toBeNull();
  });

  it("a revoked invitation can no longer be accepted", async () => {
    const owner = await api.register();
    const invitee = email("revoked");
    const invited = await api.rest<{ id: string }>("POST", "/users", {
      token: owner.token,
      body: { email: invitee, role: "viewer" },
    });
    const token = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");
    expect((await api.rest("DELETE", `/invitations/${invited.body.id}`, { token: owner.token })).status).toBe(
      200,
    );
    const res = await api.rest("POST", "/auth/accept-invitation", {
      body: { token, name: "Late", password: "correct horse battery" },
    });
    expect(res.status).toBe(400);
  });

  it("answers an address with an account in another organization exactly as an unknown one", async () => {
    const owner = await api.register();
    const elsewhere = await api.member((await api.register()).token, "agent");
    const unknown = email("unknown");
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      id: expect.any(String),
      email: expect.any(String),
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
    });

    const invite = (address: string) =>
      api.rest<Record<string, unknown>>("POST", "/users", {
        token: owner.token,
        body: { email: address, role: "agent" },
      });
    const [toUnknown, toElsewhere] = await Promise.all([invite(unknown), invite(elsewhere.user.email)]);
    expect(toElsewhere.status).toBe(toUnknown.status);
    expect(toElsewhere.status).toBe(201);
    expect(shape(toElsewhere.body)).toEqual(shape(toUnknown.body));
    expect(toElsewhere.body).toMatchObject({
      email: elsewhere.user.email,
      acceptedAt: null,
      revokedAt: null,
    });
    // the same over tRPC, inviting again (which replaces the pending invitation)
    const overTrpc = await api
      .trpc(owner.token)
      .users.invite.mutate({ email: elsewhere.user.email, role: "viewer" });
    expect(overTrpc).toMatchObject({ email: elsewhere.user.email, role: "viewer", acceptedAt: null });

    const pending = await api.rest<{ items: Array<{ email: string; revokedAt: string | null }> }>(
      "GET",
      "/invitations",
      { token: owner.token },
    );
    const listed = pending.body.items.filter((i) => i.revokedAt === null).map((i) => i.email);
    expect(listed).toEqual(expect.arrayContaining([unknown, elsewhere.user.email]));
  });

  it("tells an invitee with an account elsewhere what to do; accepting fails clearly until it is removed there", async () => {
    const owner = await api.register({ organizationName: "Loja da Ana" });
    // registered, not invited, over there: the only mail to the address is this invitation
    const elsewhere = await api.register();
    const otherOwner = await api.member(elsewhere.token, "owner");
    await api.rest("POST", "/users", {
      token: owner.token,
      body: { email: elsewhere.user.email, role: "agent" },
    });
    const mail = await api.smtp.waitFor(elsewhere.user.email);
    expect(mail.subject).toBe("Você foi convidado para o CRM Manager");
    expect(mail.text).toContain(
      "Este endereço de e-mail já tem uma conta do CRM Manager em outra organização",
    );
    expect(mail.text).toContain("peça um convite para outro endereço de e-mail, ou peça para ser removido");
    expect(mail.text).not.toContain("Aceite dentro de 7 dias:");
    const token = linkToken(mail, "accept-invitation");

    const body = { token, name: "Bia", password: "correct horse battery" };
    const refused = await api.rest<{ message: string }>("POST", "/auth/accept-invitation", { body });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/already has a CRM Manager account in another organization/);
    expect(refused.body.message).toMatch(
      /ask to be removed from that organization, or ask for an invitation/,
    );
    // nothing written: still a member there, signed in, and the invitation still pending here
    expect((await api.rest("GET", "/auth/me", { token: elsewhere.token })).status).toBe(200);
    const invitations = await api.trpc(owner.token).invitations.list.query({});
    expect(invitations.items.find((i) => i.email === elsewhere.user.email)?.acceptedAt).toBeNull();

    expect(
      (await api.rest("DELETE", `/users/${elsewhere.user.id}`, { token: otherOwner.token })).status,
    ).toBe(200);
    const joined = await api.rest<{ user: { organizationId: string } }>("POST", "/auth/accept-invitation", {
      body,
    });
    expect(joined.status).toBe(200);
    expect(joined.body.user.organizationId).toBe(owner.organization.id);
  });

  it("words the account-elsewhere invitation in English for an English organization", async () => {
    const owner = await api.register({ organizationName: "Ana's Shop" });
    await api.rest("PATCH", "/organizations/current", { token: owner.token, body: { locale: "en" } });
    const elsewhere = await api.register();
    await api.rest("POST", "/users", {
      token: owner.token,
      body: { email: elsewhere.user.email, role: "viewer" },
    });
    const mail = await api.smtp.waitFor(elsewhere.user.email);
    expect(mail.subject).toBe("You were invited to CRM Manager");
    expect(mail.text).toContain(
      'You were invited to join the organization "Ana\'s Shop" on CRM Manager as viewer.',
    );
    expect(mail.text).toContain(
      "This email address already has a CRM Manager account in another organization, and an account belongs to one organization only.",
    );
    expect(mail.text).toContain(
      "ask to be removed from the other organization and then open this link within 7 days:",
    );
    expect(linkToken(mail, "accept-invitation")).toMatch(/^[a-z0-9]+$/);
  });

  it("refuses to invite a member of this organization (409): the admin sees the team anyway", async () => {
    const owner = await api.register();
    const agent = await api.member(owner.token, "agent");
    for (const address of [agent.user.email, owner.user.email.toUpperCase()]) {
      const res = await api.rest<{ message: string }>("POST", "/users", {
        token: owner.token,
        body: { email: address, role: "agent" },
      });
      expect(res.status).toBe(409);
      expect(res.body.message).toBe("This person is already a member of this organization");
    }
  });

  it("revoking is idempotent: again answers 200 with the first revocation's time, over REST and tRPC", async () => {
    const owner = await api.register();
    const invited = await api.trpc(owner.token).users.invite.mutate({ email: email("twice"), role: "agent" });
    const first = await api.rest<{ revokedAt: string }>("DELETE", `/invitations/${invited.id}`, {
      token: owner.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.revokedAt).toEqual(expect.any(String));
    const again = await api.rest<{ id: string; revokedAt: string }>("DELETE", `/invitations/${invited.id}`, {
      token: owner.token,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: invited.id, revokedAt: first.body.revokedAt });
    const overTrpc = await api.trpc(owner.token).invitations.revoke.mutate({ id: invited.id });
    expect(overTrpc.revokedAt).toBe(first.body.revokedAt);

    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await api.rest("DELETE", `/invitations/${unknown}`, { token: owner.token })).status).toBe(404);
  });

  it("an accepted invitation cannot be revoked (409, stays accepted): its member is removed instead", async () => {
    const owner = await api.register();
    const invitee = email("accepted");
    const invited = await api.trpc(owner.token).users.invite.mutate({ email: invitee, role: "agent" });
    const token = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");
    const joined = await api.rest<{ token: string }>("POST", "/auth/accept-invitation", {
      body: { token, name: "Caio", password: "correct horse battery" },
    });
    expect(joined.status).toBe(200);
    const refused = await api.rest<{ message: string }>("DELETE", `/invitations/${invited.id}`, {
      token: owner.token,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe("This invitation was already accepted: remove the member instead");
    await expect(api.trpc(owner.token).invitations.revoke.mutate({ id: invited.id })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
    const listed = await api.trpc(owner.token).invitations.list.query({});
    expect(listed.items.find((i) => i.id === invited.id)).toMatchObject({ revokedAt: null });
    expect((await api.rest("GET", "/auth/me", { token: joined.body.token })).status).toBe(200);
  });

  it("a viewer cannot invite (403); an admin cannot invite an owner (403)", async () => {
    const owner = await api.register();
    const viewer = await api.member(owner.token, "viewer");
    expect(
      (await api.rest("POST", "/users", { token: viewer.token, body: { email: email("x"), role: "agent" } }))
        .status,
    ).toBe(403);
    const admin = await api.member(owner.token, "admin");
    expect(
      (await api.rest("POST", "/users", { token: admin.token, body: { email: email("y"), role: "owner" } }))
        .status,
    ).toBe(403);
    expect(
      (await api.rest("POST", "/users", { token: admin.token, body: { email: email("z"), role: "agent" } }))
        .status,
    ).toBe(201);
  });
});
