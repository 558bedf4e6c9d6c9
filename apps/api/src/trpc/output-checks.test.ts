import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Context } from "./context";
import { droppedField, withOutputChecks } from "./output-checks";
import { appRouter } from "./root";

const t = initTRPC.context<Context>().create();

/** A procedure whose DTO forgot to leave out a field, and one that breaks its schema. */
const leaky = withOutputChecks(
  t.router({
    user: t.procedure
      .output(z.object({ id: z.string(), name: z.string() }))
      .query(() => ({ id: "u1", name: "Ana", passwordHash: "secret" })),
    broken: t.procedure
      .output(z.object({ count: z.number() }))
      .query(() => ({ count: "three" }) as unknown as { count: number }),
  }),
);

const logged: unknown[][] = [];
const callerIn = (mode: "production" | "test" | "development") =>
  t.createCallerFactory(leaky)({
    container: { env: { NODE_ENV: mode }, logger: { error: (...args: unknown[]) => logged.push(args) } },
  } as unknown as Context);

describe("output checks", () => {
  it("fails an answer with a field its schema does not name, in tests", async () => {
    await expect(callerIn("test").user()).rejects.toThrow(/does not name \(passwordHash\)/);
  });

  it("strips such a field in development, and logs it as an error", async () => {
    logged.length = 0;
    await expect(callerIn("development").user()).resolves.toEqual({ id: "u1", name: "Ana" });
    expect(logged).toEqual([
      [{ field: "passwordHash" }, expect.stringContaining("does not name (passwordHash)")],
    ]);
  });

  it("fails an answer that breaks its schema, outside production", async () => {
    await expect(callerIn("test").broken()).rejects.toThrow("Output validation failed");
    await expect(callerIn("development").broken()).rejects.toThrow("Output validation failed");
  });

  it("trusts the answers in production, as the mappers built them", async () => {
    await expect(callerIn("production").user()).resolves.toEqual({
      id: "u1",
      name: "Ana",
      passwordHash: "secret",
    });
    await expect(callerIn("production").broken()).resolves.toEqual({ count: "three" });
  });

  it("replaces tRPC's own output validation on every procedure of the API that declares an output", () => {
    const procedures = Object.values(appRouter._def.procedures) as unknown as {
      _def: { output?: unknown; middlewares: { _type?: string }[] };
    }[];
    const withOutput = procedures.filter((procedure) => procedure._def.output);
    expect(withOutput.length).toBeGreaterThan(50);
    for (const procedure of withOutput) {
      expect(procedure._def.middlewares.filter((middleware) => middleware._type === "output")).toHaveLength(
        1,
      );
    }
  });
});

describe("droppedField", () => {
  it("names the path of the first field the parsed answer lost", () => {
    const sent = { items: [{ id: "a" }, { id: "b", extra: 1 }], nextCursor: null };
    const kept = { items: [{ id: "a" }, { id: "b" }], nextCursor: null };
    expect(droppedField(sent, kept, "")).toBe("items[1].extra");
  });

  it("ignores fields left undefined and values the schema turned into other values", () => {
    expect(droppedField({ id: "a", note: undefined }, { id: "a" }, "")).toBeUndefined();
    expect(droppedField({ at: new Date(0) }, { at: "1970-01-01T00:00:00.000Z" }, "")).toBeUndefined();
  });
});
