import { TRPCError } from "@trpc/server";
import type { Context as HonoContext } from "hono";
import { createOpenApiNodeHttpHandler, type OpenAPIObject } from "trpc-to-openapi";
import type { Container } from "../container";
import { createContext } from "../trpc/context";
import { retryAfterHeaders } from "../trpc/errors";
import { appRouter } from "../trpc/root";
import { clientIp } from "./client-ip";
import { createsResource, locationOf } from "./created-resources";
import { etagHeaders, ifNoneMatchHolds } from "./etag";
import { keepDeclaredCoercion } from "./input-coercion";
import { openApiDocument, restBasePath } from "./openapi";
import { clarifiedErrorBody, restErrorResponse } from "./rest-error";
import { methodsAt, procedureAt } from "./rest-operations";

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
  keepDeclaredCoercion(appRouter);
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
          apiKeyRateLimit: c.get("apiKeyRateLimit"),
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
    responseMeta: ({ errors, paths, data }: { errors: TRPCError[]; paths?: string[]; data: unknown[] }) => {
      const headers = { ...retryAfterHeaders(errors), ...etagHeaders(paths, data, errors) };
      const [procedure] = paths ?? [];
      if (errors.length > 0 || !procedure || !createsResource(procedure)) return { headers };
      const location = locationOf(procedure, data[0], restBasePath);
      return { status: 201, headers: location ? { ...headers, location } : headers };
    },
  } as unknown as Parameters<typeof createOpenApiNodeHttpHandler>[0]);
  const document = () => openApiDocument(env.publicUrl);

  return async (c) => {
    const raw = c.req.raw;
    const url = raw.url.replace(restBasePath, "");
    const refused = methodNotAllowed(document(), raw.method, new URL(url).pathname);
    if (refused) return refused;
    const body = await readBody(raw);
    const req = new Proxy(raw, {
      get: (target, property) => {
        if (property === "url") return url;
        if (property === "body") return body.parsed();
        if (property === "headers") return body.headers;
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
        end: (text) => resolve(answered(raw, res.statusCode, headers, text)),
        hono: c,
      };
      handle(req as never, res as never).catch(reject);
    });
  };
}

/**
 * The answer as sent: an error body clarified where trpc-to-openapi's words fall short, and a GET whose
 * `If-None-Match` names the answer's ETag as a bodiless 304.
 */
function answered(request: Request, status: number, headers: Headers, text: string | undefined): Response {
  if (status >= 400 && text !== undefined)
    return new Response(clarifiedErrorBody(status, text), { status, headers });
  const etag = headers.get("etag");
  const ifNoneMatch = request.headers.get("if-none-match");
  if (
    request.method === "GET" &&
    status === 200 &&
    etag &&
    ifNoneMatch &&
    ifNoneMatchHolds(ifNoneMatch, etag)
  ) {
    headers.delete("content-type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(text, { status, headers });
}

/** A known path asked with a method it does not take: 405 with the methods it takes, where the library says 404. */
function methodNotAllowed(document: OpenAPIObject, method: string, path: string): Response | undefined {
  if (method === "HEAD" || procedureAt(method, path)) return undefined;
  const allowed = methodsAt(document, path);
  if (allowed.length === 0 || allowed.includes(method)) return undefined;
  const refusal = new TRPCError({
    code: "METHOD_NOT_SUPPORTED",
    message: `${method} is not allowed on ${restBasePath}${path}; it takes ${allowed.join(", ")}`,
  });
  const response = restErrorResponse(refusal);
  response.headers.set("Allow", allowed.join(", "));
  return response;
}

const bodiless = new Set(["GET", "HEAD", "DELETE"]);

interface ReadBody {
  /** The JSON object sent, `{}` for no body; throws (on use, as trpc-to-openapi expects) for anything else. */
  parsed(): unknown;
  /** The request's headers, declaring JSON where there was no body at all (the library asks a content type). */
  headers: Headers;
}

const refused = (code: "PARSE_ERROR" | "BAD_REQUEST", message: string, cause?: unknown) => () => {
  throw new TRPCError({ code, message, cause });
};

/**
 * Reads the JSON body up front, as trpc-to-openapi's fetch adapter does. No body (or an empty one) is no input,
 * as for a `POST /auth/logout`; a body that is not a JSON object is refused, as the library would otherwise
 * merge `null` or `"text"` with the path's parameters into an empty input and run the call.
 */
async function readBody(request: Request): Promise<ReadBody> {
  const { headers } = request;
  // trpc-to-openapi reads no body for these; touching `body` would make the node server build a whole Request
  if (bodiless.has(request.method)) return { parsed: () => undefined, headers };
  const type = headers.get("content-type");
  // another content type is the library's to refuse (415)
  if (type !== null && !type.startsWith("application/json")) return { parsed: () => request.body, headers };
  const text = await request.text();
  if (text.trim() === "") {
    const declared = new Headers(headers);
    declared.set("content-type", "application/json");
    return { parsed: () => ({}), headers: declared };
  }
  if (type === null) return { parsed: () => text, headers };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    return { parsed: refused("PARSE_ERROR", "Failed to parse request body", cause), headers };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return { parsed: refused("BAD_REQUEST", "The request body must be a JSON object"), headers };
  return { parsed: () => data, headers };
}
