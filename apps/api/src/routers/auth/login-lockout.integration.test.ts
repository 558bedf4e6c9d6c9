import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";

// the client address comes from X-Forwarded-For, as behind Traefik
const api = useTestApi({ TRUST_PROXY: "true" });

const attacker = "203.0.113.66";
const ownersAddress = "198.51.100.7";

async function login(email: string, password: string, from: string) {
  const answer = await api.rest<{ data?: { retryAfterSeconds?: number } }>("POST", "/auth/login", {
    body: { email, password },
    headers: { "x-forwarded-for": from },
  });
  return answer.status;
}

describe("the failed-login lock", () => {
  it("locks an email only at the address that guessed wrong: its owner still signs in from elsewhere", async () => {
    const owner = await api.register();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await login(owner.user.email, "wrong password!", attacker));
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // locked there, even with the right password
    expect(await login(owner.user.email, owner.password, attacker)).toBe(429);

    expect(await login(owner.user.email, owner.password, ownersAddress)).toBe(200);
    expect(await login(owner.user.email, "wrong password!", ownersAddress)).toBe(401);
    expect(await login(owner.user.email, owner.password, ownersAddress)).toBe(200);
  });

  it("changing the password with a wrong current one counts at the caller's address, not everywhere", async () => {
    const owner = await api.register();
    for (let i = 0; i < 10; i++) expect(await login(owner.user.email, "wrong password!", attacker)).toBe(401);
    const change = await api.rest("POST", "/auth/change-password", {
      token: owner.token,
      body: { currentPassword: owner.password, newPassword: "another horse battery" },
      headers: { "x-forwarded-for": ownersAddress },
    });
    expect(change.status).toBe(200);
  });

  it("stops a guesser spread over many addresses at the email's ceiling, each address adding at most its own 10", async () => {
    const owner = await api.register();
    const spend = async (from: string, attempts: number) => {
      for (let i = 0; i < attempts; i++) await login(owner.user.email, "wrong password!", from);
    };
    // 9 addresses spend their 10 failures each and keep trying once locked, which adds nothing to the ceiling
    for (let address = 1; address <= 9; address++) await spend(`192.0.2.${address}`, 12);
    expect(await login(owner.user.email, owner.password, ownersAddress)).toBe(200);
    // the 100th failure reaches the ceiling: from then on the email is locked everywhere until the window ends
    await spend("192.0.2.10", 10);
    expect(await login(owner.user.email, "wrong password!", "192.0.2.200")).toBe(429);
    expect(await login(owner.user.email, owner.password, ownersAddress)).toBe(429);
  });
});
