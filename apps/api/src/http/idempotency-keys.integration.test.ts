import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { keyed, replayedOf, useIdempotencyTestbed } from "./idempotency-fixtures";

const tb = useIdempotencyTestbed();
const { createContact, contactsNamed, expectDocumented } = tb;

describe("Idempotency-Key on /api/v1", () => {
  it("keys are per credential: two API keys, or two users, of one organization never share answers", async () => {
    const integrators = [];
    for (const name of ["Zapier", "n8n"]) {
      const created = await tb.api.rest<{ secret: string }>("POST", "/api-keys", {
        token: tb.owner.token,
        body: { name, role: "admin" },
      });
      expect(created.status).toBe(201);
      integrators.push(created.body.secret);
    }
    const agent = await tb.api.member(tb.owner.token, "agent");
    const key = "order-42";
    const callers = [...integrators, tb.owner.token, agent.token];
    const answers = [];
    for (const [index, token] of callers.entries()) {
      const res = await createContact(token, key, { name: `Fábio ${index}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(replayedOf(res)).toBeNull();
      answers.push(res.body);
    }
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(callers.length);
    for (const [index, token] of callers.entries()) {
      const retry = await createContact(token, key, { name: `Fábio ${index}` });
      expect(replayedOf(retry)).toBe("true");
      expect(retry.body).toEqual(answers[index]);
    }
  });

  it("a key older than 24 hours is new again", async () => {
    const key = randomUUID();
    const first = await createContact(tb.owner.token, key, { name: "Gil Expirado" });
    expect(first.status).toBe(201);
    await tb.api.container.db.db
      .updateTable("idempotency_keys")
      .set({ created_at: sql<Date>`now() - interval '25 hours'` })
      .where("organization_id", "=", tb.owner.organization.id)
      .where("key", "=", key)
      .execute();
    const again = await createContact(tb.owner.token, key, { name: "Gil Expirado" });
    expect(again.status).toBe(201);
    expect(replayedOf(again)).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
  });

  it("a key longer than 255 characters is a documented 400 and runs nothing", async () => {
    const res = await createContact(tb.owner.token, "k".repeat(256), { name: "Hugo Longo" });
    expect(res.body).toMatchObject({
      message: "Idempotency-Key must be 1 to 255 printable ASCII characters",
      data: { appCode: "VALIDATION_FAILED", httpStatus: 400 },
    });
    await expectDocumented("POST", "/contacts", res, 400);
    expect(await contactsNamed(tb.owner.organization.id, "Hugo Longo")).toEqual([]);
  });

  it("without the header nothing is kept; without a credential the header changes nothing", async () => {
    const { token, organization, user } = await tb.api.register();
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await tb.api.rest("POST", "/contacts", { token, body: { name: "Ivo Sem Chave" } });
      expect(res.status).toBe(201);
    }
    expect(await contactsNamed(organization.id, "Ivo Sem Chave")).toHaveLength(2);
    const body = { email: user.email, password: "wrong password" };
    for (let attempt = 0; attempt < 2; attempt++) {
      const login = await tb.api.rest("POST", "/auth/login", { body, headers: keyed("login-1") });
      expect(login.status).toBe(401);
      expect(replayedOf(login)).toBeNull();
    }
    const kept = await tb.api.container.db.db
      .selectFrom("idempotency_keys")
      .select("id")
      .where("organization_id", "=", organization.id)
      .execute();
    expect(kept).toEqual([]);
  });

  it("keeps answers sealed: a new API key's secret is replayed but not stored readable", async () => {
    const key = randomUUID();
    const create = () =>
      tb.api.rest<{ secret: string }>("POST", "/api-keys", {
        token: tb.owner.token,
        body: { name: "Make", role: "viewer" },
        headers: keyed(key),
      });
    const first = await create();
    expect(first.status).toBe(201);
    const retry = await create();
    expect(retry.body.secret).toBe(first.body.secret);
    const row = await tb.api.container.db.db
      .selectFrom("idempotency_keys")
      .select(sql<string>`response_body::text`.as("body"))
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    expect(row.body).not.toContain(first.body.secret);
  });
});
