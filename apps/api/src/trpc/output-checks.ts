import { TRPCError } from "@trpc/server";
import type { Context } from "./context";

/**
 * How the API checks what its procedures answer against their `.output()` schemas (kept on every procedure:
 * they document the REST API and type the client).
 *
 * - In tests every answer is parsed, and an answer the schema would have had to strip fails: a field the
 *   contract does not name is how a secret leaks, and stripping it silently would hide the bug.
 * - In development (the quick start) the answer is parsed and stripped as zod does, and the stripped field is
 *   logged as an error: a developer sees it, a user trying the product does not get a 500 for it.
 * - In production the answers are trusted: they are built by the DTO mappers the tests hold to the contract,
 *   and parsing them again cost about 0.3 ms of a 3.5 ms board request (bench/README.md).
 *
 * tRPC has no switch for its output validation, so this replaces the middleware `.output()` adds (tRPC marks
 * it `_type: "output"`); `output-checks.test.ts` fails if that ever stops finding it.
 */
export function withOutputChecks<Router extends { _def: { procedures: object } }>(router: Router): Router {
  for (const procedure of Object.values(router._def.procedures) as Procedure[]) {
    const schema = procedure._def.output;
    if (!schema) continue;
    const index = procedure._def.middlewares.findIndex((middleware) => middleware._type === "output");
    if (index === -1) throw new Error("tRPC's output middleware was not found: see output-checks.ts");
    procedure._def.middlewares[index] = outputCheck(schema);
  }
  return router;
}

interface Schema {
  parseAsync(value: unknown): Promise<unknown>;
}

type Middleware = ((options: MiddlewareOptions) => Promise<MiddlewareResult>) & { _type?: string };

interface MiddlewareOptions {
  ctx: Context;
  next(): Promise<MiddlewareResult>;
}

type MiddlewareResult = { ok: true; data: unknown } | { ok: false };

interface Procedure {
  _def: { output?: Schema; middlewares: Middleware[] };
}

function outputCheck(schema: Schema): Middleware {
  const check: Middleware = async ({ ctx, next }) => {
    const result = await next();
    const mode = ctx.container.env.NODE_ENV;
    if (!result.ok || mode === "production") return result;
    let data: unknown;
    try {
      data = await schema.parseAsync(result.data);
    } catch (cause) {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed", cause });
    }
    const dropped = droppedField(result.data, data, "");
    if (dropped !== undefined) {
      const message = `Output validation failed: the answer has a field its schema does not name (${dropped})`;
      if (mode === "test") throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message });
      ctx.container.logger.error({ field: dropped }, message);
    }
    return { ...result, data };
  };
  check._type = "output";
  return check;
}

/** The path of the first field `sent` has (with a value) that the parsed answer `kept` lost, if any. */
export function droppedField(sent: unknown, kept: unknown, path: string): string | undefined {
  if (Array.isArray(sent)) {
    if (!Array.isArray(kept)) return undefined;
    for (let index = 0; index < sent.length; index += 1) {
      const dropped = droppedField(sent[index], kept[index], `${path}[${index}]`);
      if (dropped !== undefined) return dropped;
    }
    return undefined;
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return undefined;
  for (const [key, value] of Object.entries(sent)) {
    const at = path ? `${path}.${key}` : key;
    if (value !== undefined && !(key in kept)) return at;
    const dropped = droppedField(value, kept[key], at);
    if (dropped !== undefined) return dropped;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
