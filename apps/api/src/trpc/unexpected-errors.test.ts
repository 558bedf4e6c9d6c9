import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Context } from "./context";
import { publicProcedure, router } from "./init";

const serverMessage = 'relation "secret_table" does not exist';

const testRouter = router({
  boom: publicProcedure
    .meta({ access: "public", openapi: { method: "GET", path: "/boom" } })
    .input(z.object({}))
    .output(z.object({}))
    .query(() => {
      throw new Error(serverMessage);
    }),
});

const createContext = () => ({}) as Context;

describe("an unexpected failure", () => {
  it("answers tRPC clients without the server's own message", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/trpc",
      req: new Request("http://localhost/trpc/boom?input=%7B%7D"),
      router: testRouter,
      createContext,
    });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toContain("secret_table");
    expect(text).toContain("Something went wrong on our side");
  });

  it("answers REST clients without the server's own message", async () => {
    const res = await createOpenApiFetchHandler({
      endpoint: "/api",
      req: new Request("http://localhost/api/boom"),
      router: testRouter,
      createContext,
    });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toContain("secret_table");
  });
});
