import type { JobQueue } from "@crm/domain";
import { linkToken } from "@crm/worker/testing/smtp-sink";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import type { ErrorBody } from "./auth-fixtures";

/*
 * The job queue as Redis leaves it when cut off: known unreachable (the heartbeat noticed), or failing an enqueue
 * before that is noticed. The real queue and store otherwise; what the API answers and leaves behind in each case.
 * The same through a real Redis cut: redis-cut-emails.integration.test.ts.
 */
const api = useTestApi();

const address = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}@example.com`;
const newPassword = "a brand new password";

type Invitations = { items: Array<{ email: string; role: string; revokedAt: string | null }> };

/** The queue fails every email as a cut Redis does; other jobs go through. */
function emailsFailToQueue() {
  const { queue } = api.container.auth;
  const enqueue: JobQueue["enqueue"] = queue.enqueue.bind(queue);
  const failing: JobQueue["enqueue"] = async (name, payload, options) => {
    if (name === "email") throw new Error("Redis is not reachable (connection reconnecting): job not queued");
    return enqueue(name, payload, options);
  };
  vi.spyOn(queue, "enqueue").mockImplementation(failing);
}

const queueKnownUnreachable = () => vi.spyOn(api.container.auth, "queueReachable").mockReturnValue(false);

async function pendingInvitations(token: string, email: string) {
  const listed = await api.rest<Invitations>("GET", "/invitations", { token });
  return listed.body.items.filter((i) => i.email === email && i.revokedAt === null);
}

function expectUnavailable(answer: { status: number; headers: Headers; body: ErrorBody }) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get("retry-after")).toBe("60");
  expect(answer.body.data?.appCode).toBe("UNAVAILABLE");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an invitation whose email cannot be queued", () => {
  it("is refused with 503 while the queue is known unreachable: nothing invited, the pending one kept", async () => {
    const owner = await api.register();
    const invitee = address("pending");
    const pending = await api.rest("POST", "/users", {
      token: owner.token,
      body: { email: invitee, role: "agent" },
    });
    expect(pending.status).toBe(201);
    queueKnownUnreachable();
    for (const email of [invitee, address("new")]) {
      const refused = await api.rest<ErrorBody>("POST", "/users", {
        token: owner.token,
        body: { email, role: "admin" },
      });
      expectUnavailable(refused);
      expect(refused.body.message).toBe(
        "The invitation email cannot be sent right now: nothing was invited, try again in a few minutes",
      );
    }
    vi.restoreAllMocks();
    const listed = await api.rest<Invitations>("GET", "/invitations", { token: owner.token });
    expect(listed.body.items.map((i) => [i.email, i.role, i.revokedAt])).toEqual([[invitee, "agent", null]]);
  });

  it("is rolled back when the enqueue fails before the cut is noticed: the replaced invitation still lets its invitee in", async () => {
    const owner = await api.register();
    const invitee = address("replaced");
    await api.rest("POST", "/users", { token: owner.token, body: { email: invitee, role: "agent" } });
    const link = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");
    const stranger = address("stranger");
    emailsFailToQueue();
    for (const email of [invitee, stranger]) {
      const refused = await api.rest<ErrorBody>("POST", "/users", {
        token: owner.token,
        body: { email, role: "admin" },
      });
      expectUnavailable(refused);
    }
    vi.restoreAllMocks();
    expect(await pendingInvitations(owner.token, stranger)).toEqual([]);
    expect((await pendingInvitations(owner.token, invitee)).map((i) => i.role)).toEqual(["agent"]);
    const accepted = await api.rest<{ user: { role: string } }>("POST", "/auth/accept-invitation", {
      body: { token: link, name: "Bia", password: "correct horse battery" },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.role).toBe("agent");
  });
});

describe("a password change whose notice cannot be queued", () => {
  it("is refused with 503 while the queue is known unreachable, and the old password still works", async () => {
    const owner = await api.register();
    queueKnownUnreachable();
    const refused = await api.rest<ErrorBody>("POST", "/auth/change-password", {
      token: owner.token,
      body: { currentPassword: owner.password, newPassword },
    });
    expectUnavailable(refused);
    vi.restoreAllMocks();
    const login = await api.rest("POST", "/auth/login", {
      body: { email: owner.user.email, password: owner.password },
    });
    expect(login.status).toBe(200);
  });

  it("is answered ok when the enqueue fails after the change (it did happen), and the lost notice is logged", async () => {
    const owner = await api.register();
    emailsFailToQueue();
    const logged = vi.spyOn(api.container.auth.logger, "error");
    const changed = await api.rest("POST", "/auth/change-password", {
      token: owner.token,
      body: { currentPassword: owner.password, newPassword },
    });
    expect(changed.status).toBe(200);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ userId: owner.user.id }),
      "password changed but its notice email could not be queued: not sent",
    );
    vi.restoreAllMocks();
    const login = (password: string) =>
      api.rest("POST", "/auth/login", { body: { email: owner.user.email, password } });
    expect((await login(owner.password)).status).toBe(401);
    expect((await login(newPassword)).status).toBe(200);
  });
});
