import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";

const perHour = 5;
const api = useTestApi({ INVITATION_RATE_LIMIT_PER_HOUR: String(perHour) });

const email = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}@example.com`;
const lure = "URGENT: verify your bank account at http://evil.example/login";

interface RefusalBody {
  message: string;
  data: { appCode: string; retryAfterSeconds: number };
}

const invite = (token: string, address: string) =>
  api.rest<RefusalBody>("POST", "/users", { token, body: { email: address, role: "agent" } });

describe("the invitation limit", () => {
  it("refuses an organization's invitations past its hourly limit with a 429, and mails nothing more", async () => {
    const owner = await api.register();
    // refused for another reason, so no mail left: not counted
    expect((await invite(owner.token, owner.user.email)).status).toBe(409);
    const invited = Array.from({ length: perHour }, () => email("ok"));
    for (const address of invited) expect((await invite(owner.token, address)).status).toBe(201);

    const outsider = email("over");
    const refused = await invite(owner.token, outsider);
    expect(refused.status).toBe(429);
    expect(refused.body.data).toMatchObject({
      appCode: "RATE_LIMITED",
      retryAfterSeconds: expect.any(Number),
    });
    expect(refused.body.message).toMatch(/Too many invitations from this organization \(at most 5 an hour\)/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(retryAfter).toBe(refused.body.data.retryAfterSeconds);

    for (const address of invited) await api.smtp.waitFor(address);
    const pending = await api.trpc(owner.token).invitations.list.query({});
    expect(pending.items.map((i) => i.email).sort()).toEqual([...invited].sort());
    expect(api.smtp.received.some((mail) => mail.to.includes(outsider))).toBe(false);

    // each organization counts on its own
    const other = await api.register();
    expect((await invite(other.token, email("other"))).status).toBe(201);
  });

  it("limits invitations to one address again, which each mail it anew", async () => {
    const owner = await api.register();
    const address = email("again");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await invite(owner.token, address)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await invite(owner.token, address);
    expect(refused.body.message).toMatch(/Too many invitations to this email address/);
    // the organization's own count is not spent by the refused ones
    expect((await invite(owner.token, email("next"))).status).toBe(201);
    expect((await invite(owner.token, email("next"))).status).toBe(201);
  });

  it("keeps the organization's name out of the subject and quotes it as plain text in the body", async () => {
    const owner = await api.register();
    const renamed = await api.rest("PATCH", "/organizations/current", {
      token: owner.token,
      body: { name: lure },
    });
    expect(renamed.status).toBe(200);
    const pt = email("pt");
    expect((await invite(owner.token, pt)).status).toBe(201);
    const mail = await api.smtp.waitFor(pt);
    expect(mail.subject).toBe("Você foi convidado para o CRM Manager");
    expect(mail.text).toContain(`entrar na organização "${lure}" no CRM Manager como agente.`);

    await api.rest("PATCH", "/organizations/current", { token: owner.token, body: { locale: "en" } });
    const en = email("en");
    expect((await invite(owner.token, en)).status).toBe(201);
    const english = await api.smtp.waitFor(en);
    expect(english.subject).toBe("You were invited to CRM Manager");
    expect(english.text).toContain(`join the organization "${lure}" on CRM Manager as agent.`);
  });
});
