import { TRPCError } from "@trpc/server";
import type { Context as HonoContext } from "hono";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import type { Container } from "../container";
import { createContext } from "../trpc/context";
import { appRouter } from "../trpc/root";
import { clientIp } from "./client-ip";
import { restBasePath } from "./openapi";

/** The node-style response trpc-to-openapi writes to, plus what the context needs from Hono's request. */
interface RestResponse {
  statusCode: number;
  setHeader(key: string, value: string | string[]): void;
  end(body?: string): void;
  hono: HonoContext;
}

/**
 * The generated REST API as a Hono handler. trpc-to-openapi's own fetch adapter builds its procedure table
 * per request (and, outside production, regenerates and validates the whole OpenAPI document each time);
 * this one builds the node handler once and adapts each fetch Request to it the way that adapter does.
 */
export function createRestHandler(container: Container): (c: HonoContext) => Promise<Response> {
  const { env, logger } = container;
  const handle = createOpenApiNodeHttpHandler({
    router: appRouter,
    createContext: ({ res }: { res: RestResponse }) => {
      const c = res.hono;
      const cookies: string[] = [];
      return createContext(
        container,
        {
          url: c.req.url,
          headers: c.req.raw.headers,
          ip: clientIp(c, env.trustProxy),
          requestId: c.get("requestId"),
        },
        (cookie) => {
          cookies.push(cookie);
          res.setHeader("set-cookie", [...cookies]);
        },
      );
    },
    onError: ({ error, path }: { error: { code: string; cause?: unknown }; path?: string | undefined }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ err: error.cause ?? error, path }, "REST call failed");
    },
  } as unknown as Parameters<typeof createOpenApiNodeHttpHandler>[0]);

  return async (c) => {
    const raw = c.req.raw;
    const body = await readBody(raw);
    const url = raw.url.replace(restBasePath, "");
    const req = new Proxy(raw, {
      get: (target, property) => {
        if (property === "url") return url;
        if (property === "body") return body.parsed();
        return Reflect.get(target, property, target);
      },
    });
    return new Promise<Response>((resolve, reject) => {
      const headers = new Headers();
      const res: RestResponse = {
        statusCode: 200,
        setHeader: (key, value) => {
          if (typeof value === "string") headers.set(key, value);
          else {
            headers.delete(key);
            for (const item of value) headers.append(key, item);
          }
        },
        end: (text) => resolve(new Response(text, { status: res.statusCode, headers })),
        hono: c,
      };
      handle(req as never, res as never).catch(reject);
    });
  };
}

const bodiless = new Set(["GET", "HEAD", "DELETE"]);

/** Reads a JSON or form body up front, as trpc-to-openapi's fetch adapter does; a parse error surfaces on use. */
async function readBody(request: Request): Promise<{ parsed(): unknown }> {
  // trpc-to-openapi reads no body for these; touching `body` would make the node server build a whole Request
  if (bodiless.has(request.method)) return { parsed: () => undefined };
  const type = request.headers.get("content-type") ?? "";
  try {
    let data: unknown = request.body;
    if (type.includes("application/json")) data = JSON.parse(await request.text());
    else if (type.includes("application/x-www-form-urlencoded")) {
      const params = new URLSearchParams(await request.text());
      data = Object.fromEntries([...params.keys()].map((key) => [key, params.getAll(key)]));
    }
    return { parsed: () => data };
  } catch (cause) {
    return {
      parsed: () => {
        throw new TRPCError({ code: "PARSE_ERROR", message: "Failed to parse request body", cause });
      },
    };
  }
}
