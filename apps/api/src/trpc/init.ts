import {
  type Actor,
  apiKeyCannotDoThis,
  can,
  DomainError,
  type Permission,
  roleCannot,
  unauthenticated,
  validationFailed,
} from "@crm/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import type { Context } from "./context";
import { errorData, inputIssuesMessage, sessionEndedError, toTRPCError } from "./errors";
import { findUnstorableText, type UnstorableText } from "./unstorable-text";

const unexpectedMessage = "Something went wrong on our side; it was logged. Try again in a moment";

const isUnexpected = (error: TRPCError) =>
  error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof DomainError);

/** Every procedure declares who may call it; one without a declaration refuses to run. */
export type Access = Permission | "public" | "authenticated";

/**
 * `userOnly`: refused to API keys. `optionalAuth`: a public procedure that uses the caller's credential when one
 * is sent (logout), so the OpenAPI document offers it instead of asking none.
 */
export type Meta = OpenApiMeta<{ access?: Access; userOnly?: boolean; optionalAuth?: boolean }>;

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // subscriptions stream over /trpc-ws only, where sockets are counted and credentials re-read as they run
    sse: { enabled: false },
    errorFormatter({ shape, error }) {
      const { stack: _stack, ...data } = shape.data;
      // an unexpected failure's message is the server's (a Postgres error, a file path): logged, never sent
      const message = isUnexpected(error)
        ? unexpectedMessage
        : error.cause instanceof ZodError
          ? inputIssuesMessage(error.cause.issues)
          : shape.message;
      return { ...shape, message, data: { ...data, ...errorData(error) } };
    },
  });

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  return result;
});

const unstorableTextMessages: Record<UnstorableText, string> = {
  nul: "Text must not contain the NUL character (U+0000)",
  lone_surrogate: "Text must be valid Unicode: it holds half of a character (an unpaired surrogate)",
};

/**
 * Postgres refuses NUL in text and jsonb, and half a surrogate pair in jsonb: refused here once for every
 * procedure, REST and tRPC alike, rather than failing with a 500 in one table and stored mangled in another.
 */
const storableTextInput = t.middleware(async ({ getRawInput, next }) => {
  const found = findUnstorableText(await getRawInput());
  if (found) {
    const { path, problem } = found;
    throw validationFailed(path.length > 0 ? path.join(".") : "_", unstorableTextMessages[problem]);
  }
  return next();
});

function declaredAccess(meta: Meta | undefined): Access {
  if (!meta?.access) {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Procedure declares no access rule" });
  }
  return meta.access;
}

const publicAccess = t.middleware(async ({ ctx, meta, type, next }) => {
  declaredAccess(meta);
  if (type === "mutation") assertAllowedOrigin(ctx);
  return next();
});

const authorizedAccess = t.middleware(async ({ ctx, meta, type, next }) => {
  const declared = declaredAccess(meta);
  if (type === "mutation") assertAllowedOrigin(ctx);
  const actor = ctx.actor;
  if (!actor) {
    const refusal = unauthenticated(ctx.refusedCredential);
    // a subscription's client may have been signed in a moment ago (a tab waking after a logout): say it is over
    throw type === "subscription" ? sessionEndedError("signed_out", refusal) : toTRPCError(refusal);
  }
  if (meta?.userOnly && actor.kind !== "user") throw toTRPCError(apiKeyCannotDoThis());
  if (declared !== "authenticated" && declared !== "public" && !can(actor.role, declared)) {
    throw toTRPCError(roleCannot(actor.role, declared));
  }
  return next({ ctx: { ...ctx, actor } });
});

/**
 * CSRF: a browser always names the Origin of a cross-site mutation. Cookie-authenticated mutations must
 * name an allowed one; bearer clients (no cookie) are not browsers riding a session and may omit it.
 */
function assertAllowedOrigin(ctx: Context): void {
  const origin = ctx.client.origin;
  if (origin === undefined && ctx.authVia !== "cookie") return;
  if (!origin || (origin !== ctx.client.selfOrigin && !ctx.container.env.allowedOrigins.includes(origin))) {
    throw toTRPCError(new DomainError("FORBIDDEN", "Request origin not allowed"));
  }
}

/**
 * A WebSocket's credentials are read once, when it connects: a query or mutation over it would outlive a logout
 * or a revoked key. Subscriptions re-read them when they start and while they run; everything else goes over HTTP.
 */
const subscriptionsOnlyOverWebSocket = t.middleware(({ ctx, type, next }) => {
  if (ctx.transport === "websocket" && type !== "subscription") {
    throw new TRPCError({
      code: "METHOD_NOT_SUPPORTED",
      message: "Only subscriptions are served over /trpc-ws: send queries and mutations over HTTP (/trpc)",
    });
  }
  return next();
});

const base = t.procedure.use(subscriptionsOnlyOverWebSocket).use(domainErrors).use(storableTextInput);

export const publicProcedure = base.meta({ access: "public" }).use(publicAccess);

/** Signed in (user or API key) with no particular permission: profile, sign out. */
export const authenticatedProcedure = base.meta({ access: "authenticated" }).use(authorizedAccess);

/** The permission middleware: `permission("deals:write")`. */
export const permission = (required: Permission) => base.meta({ access: required }).use(authorizedAccess);

export type AuthedContext = Context & { actor: Actor };
