import { trpcServer } from "@hono/trpc-server";
import { TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Container } from "./container";
import { apiBodyLimit } from "./http/api-body-limit";
import { apiKeyRateLimit } from "./http/api-key-rate-limit";
import { clientIp } from "./http/client-ip";
import { docsRoutes } from "./http/docs";
import { healthRoutes } from "./http/health";
import { refuseHttpSubscriptions } from "./http/http-subscriptions";
import { idempotentRetries } from "./http/idempotency";
import { openApiDocument, restBasePath } from "./http/openapi";
import { requestLog } from "./http/request-log";
import { corsHeaders, requestIdHeader } from "./http/response-headers";
import { restErrorResponse } from "./http/rest-error";
import { createRestHandler } from "./http/rest-handler";
import { mountWebApp } from "./http/static-web";
import { refuseUnknownQueryParameters } from "./http/unknown-query-parameters";
import { contactsExportRoutes } from "./routers/contacts/export-contacts-csv";
import { messageMediaRoutes } from "./routers/messages/message-media";
import { createContext } from "./trpc/context";
import { retryAfterHeaders } from "./trpc/errors";
import { appRouter } from "./trpc/root";
import { boundedQueue } from "./webhooks/bounded-queue";
import { webhookRoutes } from "./webhooks/routes";

/** How long a webhook waits for the queue before answering anyway (its row is stored; the sweeper catches up). */
const webhookEnqueueTimeoutMs = 2000;

export function createApp(container: Container): Hono {
  const { env, logger } = container;
  const app = new Hono();

  app.use(requestIdHeader());
  app.use(requestLog(logger));
  app.use(
    secureHeaders({
      // a route's own headers win (the media route's CSP); HSTS is the TLS terminator's to send
      overwrite: false,
      strictTransportSecurity: false,
      // the web app may run on another origin (VITE_API_URL) and show the API's media in <img>
      crossOriginResourcePolicy: false,
      xFrameOptions: "DENY",
    }),
  );
  app.use(
    corsHeaders({
      allowedOrigins: env.allowedOrigins,
      allowHeaders: [
        "content-type",
        "authorization",
        "trpc-accept",
        "x-trpc-source",
        "idempotency-key",
        "if-match",
        "if-none-match",
      ],
      allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
      maxAgeSeconds: 600,
    }),
  );

  app.route("/", healthRoutes(container));
  app.route(
    "/webhooks",
    webhookRoutes(
      {
        ...container.integrations,
        queue: boundedQueue(container.queue, webhookEnqueueTimeoutMs, logger),
      },
      container.payments,
    ),
  );
  app.get("/openapi.json", (c) => c.json(openApiDocument(env.publicUrl)));
  app.route("/docs", docsRoutes());

  app.use("/trpc/*", refuseHttpSubscriptions("/trpc"));
  app.use("/trpc/*", apiKeyRateLimit(container));
  app.use("/trpc/*", apiBodyLimit("trpc"));
  app.use("/trpc/*", idempotentRetries(container, "trpc"));
  app.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      createContext: (opts, c) =>
        createContext(
          container,
          {
            url: opts.req.url,
            headers: opts.req.headers,
            ip: clientIp(c, env.trustProxy),
            requestId: c.get("requestId"),
            apiKeyRateLimit: c.get("apiKeyRateLimit"),
          },
          (cookie) => opts.resHeaders.append("set-cookie", cookie),
        ) as unknown as Promise<Record<string, unknown>>,
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          logger.error({ err: error.cause ?? error, path }, "procedure failed");
      },
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    }),
  );

  app.use(`${restBasePath}/*`, apiKeyRateLimit(container));
  app.use(
    `${restBasePath}/*`,
    refuseUnknownQueryParameters(() => openApiDocument(env.publicUrl), restBasePath),
  );
  // raw routes under the REST prefix (files, not JSON) go before the generated REST handler
  app.route(restBasePath, contactsExportRoutes(container));
  app.route(restBasePath, messageMediaRoutes(container));

  app.all(
    `${restBasePath}/*`,
    apiBodyLimit("rest"),
    idempotentRetries(container, "rest"),
    createRestHandler(container),
  );

  if (env.webDistDir) mountWebApp(app, env.webDistDir);

  // the documented error shape, as the API's own 404s answer it: appCode NOT_FOUND, no operation (path null)
  app.notFound(() => restErrorResponse(new TRPCError({ code: "NOT_FOUND", message: "Not found" })));
  app.onError((error, c) => {
    logger.error({ err: error, requestId: c.get("requestId") }, "unhandled error");
    return c.json({ message: "Internal error", code: "INTERNAL_SERVER_ERROR" }, 500);
  });
  return app;
}
