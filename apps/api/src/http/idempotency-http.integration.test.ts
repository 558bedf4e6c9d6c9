import { randomUUID } from "node:crypto";
import { createTRPCClient, httpLink } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../trpc/root";
import { keyed, useIdempotencyTestbed } from "./idempotency-fixtures";

const tb = useIdempotencyTestbed();
const { contactsNamed } = tb;

describe("Idempotency-Key on /api/v1", () => {
  it("CORS lets a browser send the header and read Idempotent-Replayed", async () => {
    const origin = "http://localhost:3000";
    const preflight = await fetch(`${tb.api.baseUrl}/api/v1/contacts`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type,idempotency-key",
      },
    });
    expect(preflight.headers.get("access-control-allow-headers")?.split(",")).toContain("idempotency-key");
    const res = await tb.api.rest("POST", "/contacts", {
      token: tb.owner.token,
      body: { name: "Jade Cors" },
      headers: { origin, ...keyed(randomUUID()) },
    });
    expect(res.headers.get("access-control-expose-headers")).toContain("Idempotent-Replayed");
  });

  it("documents the optional header on every POST, PATCH and DELETE made with a credential", async () => {
    const doc = (await (await fetch(`${tb.api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string }>; security?: unknown[] }>>;
      components: { parameters: Record<string, { name: string; in: string; required: boolean }> };
    };
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({
      name: "Idempotency-Key",
      in: "header",
      required: false,
    });
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    const header = { $ref: "#/components/parameters/IdempotencyKey" };
    const writes = operations.filter(({ method }) => ["post", "patch", "delete"].includes(method));
    const signedIn = writes.filter(({ operation }) => operation.security?.length !== 0);
    expect(signedIn.length).toBeGreaterThan(20);
    for (const { path, method, operation } of signedIn) {
      expect(operation.parameters, `${method} ${path}`).toContainEqual(header);
    }
    // a read needs no key; signing in has no caller to keep one for
    for (const { operation } of operations.filter((op) => !signedIn.includes(op))) {
      expect(operation.parameters ?? []).not.toContainEqual(header);
    }
  });
});

describe("Idempotency-Key on /trpc", () => {
  it("a tRPC mutation sent again with the key gets the first answer", async () => {
    const key = randomUUID();
    const client = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${tb.api.baseUrl}/trpc`,
          headers: () => ({ authorization: `Bearer ${tb.owner.token}`, ...keyed(key) }),
        }),
      ],
    });
    const first = await client.contacts.create.mutate({ name: "Lia Trpc" });
    const again = await client.contacts.create.mutate({ name: "Lia Trpc" });
    expect(again).toEqual(first);
    expect(await contactsNamed(tb.owner.organization.id, "Lia Trpc")).toHaveLength(1);
    await expect(client.contacts.create.mutate({ name: "Outra" })).rejects.toMatchObject({
      message: "This Idempotency-Key was used for a different request",
      data: { httpStatus: 422, path: "contacts.create" },
    });
  });

  it("a batch is one request: the key covers all its calls and its whole answer", async () => {
    const key = randomUUID();
    const post = () =>
      fetch(`${tb.api.baseUrl}/trpc/contacts.create,tags.create?batch=1`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${tb.owner.token}`,
          "content-type": "application/json",
          ...keyed(key),
        },
        body: JSON.stringify({ 0: { name: "Mel Lote" }, 1: { name: `Lote ${key}` } }),
      });
    const first = await post();
    expect(first.status).toBe(200);
    const firstText = await first.text();
    const retry = await post();
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(firstText);
    expect(await contactsNamed(tb.owner.organization.id, "Mel Lote")).toHaveLength(1);
  });

  it("refuses the key with a streamed answer, which could not be replayed whole", async () => {
    const res = await fetch(`${tb.api.baseUrl}/trpc/contacts.create`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tb.owner.token}`,
        "content-type": "application/json",
        "trpc-accept": "application/jsonl",
        ...keyed(randomUUID()),
      },
      body: JSON.stringify({ name: "Nina Stream" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { data: { appCode: "VALIDATION_FAILED" } } });
    expect(await contactsNamed(tb.owner.organization.id, "Nina Stream")).toEqual([]);
  });
});
