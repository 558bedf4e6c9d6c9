import { linkToken } from "@crm/worker/testing/smtp-sink";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";

const api = useTestApi();

const email = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}@example.com`;

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

describe("roles and removal", () => {
  it("an admin changes an agent's role; the change applies at once (the agent signs in again)", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const agent = await api.member(owner.token, "agent");
    const res = await api.rest<{ role: string }>("PATCH", `/users/${agent.user.id}`, {
      token: admin.token,
      body: { role: "viewer" },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("viewer");
    expect((await api.rest("GET", "/auth/me", { token: agent.token })).status).toBe(401);
  });

  it("the last owner can be neither demoted nor removed; with a second owner both work", async () => {
    const owner = await api.register();
    const demote = await api.rest("PATCH", `/users/${owner.user.id}`, {
      token: owner.token,
      body: { role: "admin" },
    });
    expect(demote.status).toBe(412);
    const remove = await api.rest("DELETE", `/users/${owner.user.id}`, { token: owner.token });
    expect(remove.status).toBe(412);

    const second = await api.member(owner.token, "owner");
    expect((await api.rest("DELETE", `/users/${owner.user.id}`, { token: second.token })).status).toBe(200);
    expect((await api.rest("GET", `/users/${owner.user.id}`, { token: second.token })).status).toBe(404);
  });

  it("only an owner removes users", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const agent = await api.member(owner.token, "agent");
    expect((await api.rest("DELETE", `/users/${agent.user.id}`, { token: admin.token })).status).toBe(403);
    expect((await api.rest("DELETE", `/users/${agent.user.id}`, { token: owner.token })).status).toBe(200);
  });

  it("an admin cannot change an owner's role", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    expect(
      (await api.rest("PATCH", `/users/${owner.user.id}`, { token: admin.token, body: { role: "agent" } }))
        .status,
    ).toBe(403);
  });

  it("an admin cannot rename an owner (403); an owner renames another owner and themselves", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const second = await api.member(owner.token, "owner");
    const refused = await api.rest<{ message: string }>("PATCH", `/users/${owner.user.id}`, {
      token: admin.token,
      body: { name: "Renamed by an admin" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe("Only an owner can edit an owner");
    const unchanged = await api.rest<{ name: string }>("GET", `/users/${owner.user.id}`, {
      token: admin.token,
    });
    expect(unchanged.body.name).toBe(owner.user.name);

    for (const id of [second.user.id, owner.user.id]) {
      const renamed = await api.rest<{ name: string }>("PATCH", `/users/${id}`, {
        token: owner.token,
        body: { name: "Renamed by an owner" },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe("Renamed by an owner");
    }
  });

  it("an admin cannot revoke an invitation to be an owner (403); it still lets its invitee in", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const invitee = email("future-owner");
    const invited = await api.trpc(owner.token).users.invite.mutate({ email: invitee, role: "owner" });
    const refused = await api.rest("DELETE", `/invitations/${invited.id}`, { token: admin.token });
    expect(refused.status).toBe(403);
    // nor by inviting the same address again, which replaces the pending invitation
    const replacing = await api.rest("POST", "/users", {
      token: admin.token,
      body: { email: invitee, role: "viewer" },
    });
    expect(replacing.status).toBe(403);

    const token = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");
    const accepted = await api.rest<{ user: { role: string } }>("POST", "/auth/accept-invitation", {
      body: { token, name: "New Owner", password: "correct horse battery" },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.role).toBe("owner");

    const agentInvitation = await api.trpc(owner.token).users.invite.mutate({
      email: email("agent"),
      role: "agent",
    });
    expect(
      (await api.rest("DELETE", `/invitations/${agentInvitation.id}`, { token: admin.token })).status,
    ).toBe(200);
  });

  it("removing a user revokes the invitations they sent: their invitee can no longer join", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const invitee = email("admins-invitee");
    const pending = await api.trpc(admin.token).users.invite.mutate({ email: invitee, role: "agent" });
    const ownersInvitee = email("owners-invitee");
    const kept = await api.trpc(owner.token).users.invite.mutate({ email: ownersInvitee, role: "agent" });
    const token = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");

    expect((await api.rest("DELETE", `/users/${admin.user.id}`, { token: owner.token })).status).toBe(200);

    const late = await api.rest("POST", "/auth/accept-invitation", {
      body: { token, name: "Too Late", password: "correct horse battery" },
    });
    expect(late.status).toBe(400);
    const listed = await api.rest<{ items: Array<{ id: string; revokedAt: string | null }> }>(
      "GET",
      "/invitations",
      { token: owner.token },
    );
    const revokedAt = new Map(listed.body.items.map((item) => [item.id, item.revokedAt]));
    expect(revokedAt.get(pending.id)).not.toBeNull();
    expect(revokedAt.get(kept.id)).toBeNull();
  });
});

describe("listing users", () => {
  it("pages with a cursor and filters by role and search", async () => {
    const owner = await api.register();
    for (const role of ["agent", "agent", "viewer"] as const) await api.member(owner.token, role);
    const first = await api.rest<{ items: Array<{ id: string }>; nextCursor: string | null }>(
      "GET",
      "/users?limit=2",
      { token: owner.token },
    );
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await api.rest<{ items: Array<{ id: string }>; nextCursor: string | null }>(
      "GET",
      `/users?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
      { token: owner.token },
    );
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((u) => u.id);
    expect(new Set(ids).size).toBe(4);

    const agents = await api.rest<{ items: Array<{ role: string }> }>("GET", "/users?role=agent", {
      token: owner.token,
    });
    expect(agents.body.items.map((u) => u.role)).toEqual(["agent", "agent"]);
    const search = await api.rest<{ items: Array<{ name: string }> }>("GET", "/users?search=owner", {
      token: owner.token,
    });
    expect(search.body.items).toHaveLength(1);
  });

  it("answers 400 for a malformed cursor or an out-of-range limit", async () => {
    const owner = await api.register();
    expect((await api.rest("GET", "/users?cursor=garbage", { token: owner.token })).status).toBe(400);
    expect((await api.rest("GET", "/users?limit=1000", { token: owner.token })).status).toBe(400);
  });
});

describe("organization settings", () => {
  it("updates name, slug, currency, timezone, retention and language; rejects bad values with field errors", async () => {
    const owner = await api.register();
    const ok = await api.rest<Record<string, unknown>>("PATCH", "/organizations/current", {
      token: owner.token,
      body: {
        name: "Loja Nova",
        slug: `loja-${Date.now()}`,
        defaultCurrency: "USD",
        timezone: "America/Manaus",
        dataRetentionDays: 365,
        locale: "en",
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      name: "Loja Nova",
      defaultCurrency: "USD",
      timezone: "America/Manaus",
      dataRetentionDays: 365,
      locale: "en",
    });

    for (const body of [
      { timezone: "Mars/Olympus" },
      { dataRetentionDays: 5 },
      { slug: "Bad Slug!" },
      { defaultCurrency: "XYZ" },
    ]) {
      const bad = await api.rest<{ data: { fieldErrors: Record<string, string[]> } }>(
        "PATCH",
        "/organizations/current",
        {
          token: owner.token,
          body,
        },
      );
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(bad.body.data.fieldErrors)).toEqual(Object.keys(body));
    }

    // a zone is stored as the IANA database spells it, whatever the case it was typed in
    const spelled = await api.rest<{ timezone: string }>("PATCH", "/organizations/current", {
      token: owner.token,
      body: { timezone: "america/sao_paulo" },
    });
    expect(spelled.body.timezone).toBe("America/Sao_Paulo");
  });

  it("refuses a slug another organization uses (409) and lets agents read but not write", async () => {
    const owner = await api.register();
    const other = await api.register();
    const taken = await api.rest<{ slug: string }>("GET", "/organizations/current", { token: other.token });
    expect(
      (
        await api.rest("PATCH", "/organizations/current", {
          token: owner.token,
          body: { slug: taken.body.slug },
        })
      ).status,
    ).toBe(409);
    const agent = await api.member(owner.token, "agent");
    expect((await api.rest("GET", "/organizations/current", { token: agent.token })).status).toBe(200);
    expect(
      (await api.rest("PATCH", "/organizations/current", { token: agent.token, body: { name: "x" } })).status,
    ).toBe(403);
  });
});

describe("tenant isolation", () => {
  it("another organization's users, invitations and API keys answer 404", async () => {
    await expectTenantIsolation(api, async (token) => (await api.member(token, "agent")).user.id, [
      { name: "GET /users/{id}", call: (token, id) => api.rest("GET", `/users/${id}`, { token }) },
      {
        name: "PATCH /users/{id}",
        call: (token, id) => api.rest("PATCH", `/users/${id}`, { token, body: { name: "Hijacked" } }),
      },
      { name: "DELETE /users/{id}", call: (token, id) => api.rest("DELETE", `/users/${id}`, { token }) },
    ]);
    await expectTenantIsolation(
      api,
      async (token) => (await api.trpc(token).users.invite.mutate({ email: email("iso"), role: "agent" })).id,
      [
        {
          name: "DELETE /invitations/{id}",
          call: (token, id) => api.rest("DELETE", `/invitations/${id}`, { token }),
        },
      ],
    );
    await expectTenantIsolation(
      api,
      async (token) => (await api.trpc(token).apiKeys.create.mutate({ name: "k", role: "agent" })).apiKey.id,
      [
        {
          name: "DELETE /api-keys/{id}",
          call: (token, id) => api.rest("DELETE", `/api-keys/${id}`, { token }),
        },
      ],
    );
  });
});
