import { linkToken } from "@crm/worker/testing/smtp-sink";
import { describe, expect, it } from "vitest";
import { startTestApi, useTestApi } from "../../testing/harness";

const api = useTestApi();

const email = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}@example.com`;

const unusable = { valid: false, organizationName: null, role: null, email: null, inviterName: null };

/** Invites a new address to the owner's organization and answers the token its email carries. */
async function invite(ownerToken: string, role: "agent" | "viewer" = "agent") {
  const address = email("invitee");
  const invited = await api.rest<{ id: string }>("POST", "/users", {
    token: ownerToken,
    body: { email: address, role },
  });
  expect(invited.status).toBe(201);
  return {
    id: invited.body.id,
    address,
    token: linkToken(await api.smtp.waitFor(address), "accept-invitation"),
  };
}

const preview = (token: string) => api.rest(`GET`, `/auth/invitation?token=${encodeURIComponent(token)}`);

describe("reading an invitation before accepting it", () => {
  it("tells who invites whom to which organization and with what role, without signing in", async () => {
    const owner = await api.register({ organizationName: "Loja Exemplo", name: "Ana Lima" });
    const { address, token } = await invite(owner.token);
    const res = await preview(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: true,
      organizationName: "Loja Exemplo",
      role: "agent",
      email: address,
      inviterName: "Ana Lima",
    });
    // the same over tRPC
    expect(await api.trpc().auth.invitation.query({ token })).toEqual(res.body);
  });

  it("answers an unknown, accepted, revoked or expired link alike, telling nothing of it", async () => {
    const owner = await api.register({ organizationName: "Padaria Central" });
    const accepted = await invite(owner.token);
    const joined = await api.rest("POST", "/auth/accept-invitation", {
      body: { token: accepted.token, name: "Bia", password: "correct horse battery" },
    });
    expect(joined.status).toBe(200);
    const revoked = await invite(owner.token, "viewer");
    expect((await api.rest("DELETE", `/invitations/${revoked.id}`, { token: owner.token })).status).toBe(200);
    const expired = await invite(owner.token);
    await api.container.db.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where("id", "=", expired.id)
      .execute();

    for (const token of ["0123456789abcdefunknown", accepted.token, revoked.token, expired.token]) {
      const res = await preview(token);
      expect(res.status, token).toBe(200);
      expect(res.body, token).toEqual(unusable);
    }
  });

  it("refuses an empty token with a 400", async () => {
    const res = await preview("");
    expect(res.status).toBe(400);
  });
});

describe("rate limit", () => {
  it("answers 429 once one address has read too many invitation links", async () => {
    const strict = await startTestApi({ AUTH_RATE_LIMIT_PER_IP: "3" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await strict.rest("GET", `/auth/invitation?token=guess${i}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await strict.close();
    }
  });
});
