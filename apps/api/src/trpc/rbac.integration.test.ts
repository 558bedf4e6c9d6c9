import { can, type Permission, type Role, roles } from "@crm/domain";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";
import { createContext } from "./context";
import type { Access, Meta } from "./init";
import { appRouter, createCaller } from "./root";

interface ProcedureEntry {
  path: string;
  type: string;
  meta: Meta | undefined;
}

const procedures: ProcedureEntry[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: Meta } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type, meta: procedure._def.meta }));

/** What a caller of this role should get for a probe with deliberately invalid input. */
function expectedCode(access: Access, role: Role | null, viaApiKey: boolean, userOnly: boolean): string {
  if (access === "public") return "BAD_REQUEST";
  if (role === null) return "UNAUTHORIZED";
  if (userOnly && viaApiKey) return "FORBIDDEN";
  if (access === "authenticated") return "BAD_REQUEST";
  return can(role, access as Permission) ? "BAD_REQUEST" : "FORBIDDEN";
}

const api = useTestApi();
const userTokens = new Map<Role, string>();
const keyTokens = new Map<Role, string>();

beforeAll(async () => {
  const owner = await api.register();
  userTokens.set("owner", owner.token);
  for (const role of roles.filter((r) => r !== "owner"))
    userTokens.set(role, (await api.member(owner.token, role)).token);
  for (const role of roles)
    keyTokens.set(role, (await api.trpc(owner.token).apiKeys.create.mutate({ name: role, role })).secret);
});

async function probe(path: string, token: string | null): Promise<string> {
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  const ctx = await createContext(
    api.container,
    { url: "http://localhost:3000/trpc", headers, ip: "203.0.113.9", requestId: "rbac" },
    () => {},
  );
  const caller = createCaller(ctx) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    // a string fails every input schema, so a caller who gets past the access check always sees BAD_REQUEST
    await (fn as (input: unknown) => Promise<unknown>)("rbac-probe");
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("access declarations", () => {
  it("covers a non-trivial router", () => {
    expect(procedures.length).toBeGreaterThan(15);
  });

  it("contacts.merge deletes its source, so it asks what contacts.remove asks", () => {
    const access = (path: string) => procedures.find((p) => p.path === path)?.meta?.access;
    expect(access("contacts.merge")).toBe(access("contacts.remove"));
  });

  it.each([
    "customFields.create",
    "customFields.update",
    "customFields.remove",
    "pipelines.create",
    "pipelines.update",
    "pipelines.remove",
  ])("%s changes an organization setting, so it asks what organizations.update asks", (path) => {
    const access = (of: string) => procedures.find((p) => p.path === of)?.meta?.access;
    expect(access(path)).toBe(access("organizations.update"));
  });

  it.each(procedures)("$path declares who may call it", ({ meta }) => {
    expect(
      meta?.access,
      "add .meta({ access }) through publicProcedure, authenticatedProcedure or permission()",
    ).toBeDefined();
  });
});

describe("permission matrix, every procedure x every role", () => {
  const cases = procedures.flatMap((p) =>
    [null, ...roles].flatMap((role) =>
      (role === null ? [false] : [false, true]).map((viaApiKey) => ({ ...p, role, viaApiKey })),
    ),
  );

  it.each(cases)("$path as $role (API key: $viaApiKey)", async ({ path, meta, role, viaApiKey }) => {
    const access = meta?.access;
    if (!access) throw new Error(`${path} has no access rule`);
    const token = role === null ? null : ((viaApiKey ? keyTokens : userTokens).get(role) ?? null);
    const code = await probe(path, token);
    expect(code).toBe(expectedCode(access, role, viaApiKey, meta?.userOnly === true));
  });
});
