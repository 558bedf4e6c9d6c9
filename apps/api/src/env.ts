import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultImportPreviewRetentionDays } from "@crm/domain/contacts/import-retention";
import { defaultChannelApiBases, defaultMediaMaxBytes } from "@crm/integrations/adapters";
import { defaultPaymentApiBases } from "@crm/integrations/payment-providers";
import { defaultCredentialTtlMs } from "@crm/runtime/auth/credential-cache";
import { channelPrefixPattern, channelPrefixRule } from "@crm/runtime/redis/channel-namespace";
import { defaultRedisHeartbeat } from "@crm/runtime/redis/heartbeat";
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: optionalUrl,
  /** Sets apart the pub/sub channels of deployments that share one Redis database index (api and worker alike). */
  REDIS_CHANNEL_PREFIX: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.string().regex(channelPrefixPattern, channelPrefixRule).optional())
    .optional(),
  /** How often the pub/sub connections (realtime, revocations) are PINGed, so that one dead silently is found. */
  REDIS_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).default(defaultRedisHeartbeat.intervalMs),
  /** An unanswered PING this long takes the connection for dead: it is closed, made again and subscribed again. */
  REDIS_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(100).default(defaultRedisHeartbeat.timeoutMs),
  DATA_DIR: z.string().default("./.data"),
  PUBLIC_URL: z.url().optional().describe("Where this API is reached from outside, for webhook URLs"),
  APP_URL: z.url().optional().describe("Where the web app runs, for links in emails"),
  CORS_ORIGINS: z.string().default(""),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  ENCRYPTION_KEY: z.string().optional(),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default("CRM Manager <no-reply@localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WEB_DIST_DIR: z.string().optional(),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(60),
  /** Requests one API key may make per minute, REST and tRPC together. */
  API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Invitations one organization may send per hour (each one emails an outside address). */
  INVITATION_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** A realtime socket that has not authenticated this long after it opened is closed. */
  REALTIME_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Open realtime sockets per user or API key, per replica. */
  REALTIME_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(50),
  /** Realtime sockets one client address may hold open before they authenticate, per replica. */
  REALTIME_UNAUTHENTICATED_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(20),
  CREDENTIAL_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(defaultCredentialTtlMs),
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  EMBEDDED_WORKER: z.enum(["true", "false"]).optional(),
  WEBSOCKETS: z.enum(["true", "false"]).default("true"),
  WHATSAPP_API_BASE: z.url().default(defaultChannelApiBases.whatsapp),
  TELEGRAM_API_BASE: z.url().default(defaultChannelApiBases.telegram),
  SLACK_API_BASE: z.url().default(defaultChannelApiBases.slack),
  DISCORD_API_BASE: z.url().default(defaultChannelApiBases.discord),
  STRIPE_API_BASE: z.url().default(defaultPaymentApiBases.stripe),
  MERCADOPAGO_API_BASE: z.url().default(defaultPaymentApiBases.mercadopago),
  DISCORD_GATEWAY_URL: optionalUrl,
  DISCORD_GATEWAY: z.enum(["true", "false"]).optional(),
  /** The largest inbound media file the embedded worker downloads (default 25 MiB). */
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1).default(defaultMediaMaxBytes),
  /** Days a finished contact import preview waits for its confirmation; then the daily retention deletes it. */
  IMPORT_PREVIEW_RETENTION_DAYS: z.coerce.number().int().min(1).default(defaultImportPreviewRetentionDays),
  /** Outgoing webhooks to http:// URLs (local development); https only otherwise. */
  OUTGOING_WEBHOOKS_ALLOW_HTTP: z.enum(["true", "false"]).default("false"),
  /** Outgoing webhooks to private and loopback addresses (local development, tests). Never in production. */
  OUTGOING_WEBHOOKS_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
  /** Delays before each retry of a failed delivery, comma-separated ms (default 1, 5, 10, 20, 30 minutes). */
  OUTGOING_WEBHOOKS_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "comma-separated whole milliseconds, e.g. 60000,300000")
    .optional(),
  /** Failed attempts in a row after which a webhook is switched off. */
  OUTGOING_WEBHOOKS_DISABLE_AFTER: z.coerce.number().int().min(1).optional(),
});

export type Env = ReturnType<typeof loadEnv>;

/** Docker secrets: DATABASE_URL_FILE=/run/secrets/database_url stands for DATABASE_URL (our variables only). */
function withFileSecrets(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...source };
  for (const name of Object.keys(schema.shape)) {
    const file = source[`${name}_FILE`];
    if (file) out[name] = readFileSync(file, "utf8").trim();
  }
  return out;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(withFileSecrets(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  const appUrl = (env.APP_URL ?? publicUrl).replace(/\/$/, "");
  return {
    ...env,
    // relative to where `npm start` was typed (npm runs the workspace script inside apps/api)
    DATA_DIR: resolve(source.INIT_CWD ?? process.cwd(), env.DATA_DIR),
    publicUrl,
    appUrl,
    allowedOrigins: [
      new URL(publicUrl).origin,
      new URL(appUrl).origin,
      ...env.CORS_ORIGINS.split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ],
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : publicUrl.startsWith("https://"),
    trustProxy: env.TRUST_PROXY === "true",
    /** A demo owner with a published password: only on the embedded database unless asked for. */
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === "true" : !env.DATABASE_URL,
    webDistDir: env.WEB_DIST_DIR
      ? resolve(env.WEB_DIST_DIR)
      : fileURLToPath(new URL("../../web/dist", import.meta.url)),
    /** false: a replica for HTTP and webhooks only, whose intake never waits behind a fan-out to sockets. */
    websockets: env.WEBSOCKETS === "true",
    /** Without Redis there is no separate worker to take jobs, so this process runs them. */
    embeddedWorker: env.EMBEDDED_WORKER ? env.EMBEDDED_WORKER === "true" : !env.REDIS_URL,
    channelApiBases: {
      whatsapp: env.WHATSAPP_API_BASE,
      telegram: env.TELEGRAM_API_BASE,
      slack: env.SLACK_API_BASE,
      discord: env.DISCORD_API_BASE,
    },
    paymentApiBases: { stripe: env.STRIPE_API_BASE, mercadopago: env.MERCADOPAGO_API_BASE },
    redisHeartbeat: {
      intervalMs: env.REDIS_HEARTBEAT_INTERVAL_MS,
      timeoutMs: env.REDIS_HEARTBEAT_TIMEOUT_MS,
    },
    outgoingWebhooks: {
      allowHttp: env.OUTGOING_WEBHOOKS_ALLOW_HTTP === "true",
      allowPrivate: env.OUTGOING_WEBHOOKS_ALLOW_PRIVATE === "true",
      retryDelaysMs: env.OUTGOING_WEBHOOKS_RETRY_DELAYS_MS?.split(",").map(Number),
      disableAfterFailures: env.OUTGOING_WEBHOOKS_DISABLE_AFTER,
    },
    /** Discord messages come through the Gateway: held where the jobs run, never in tests unless asked. */
    discordGateway: env.DISCORD_GATEWAY
      ? env.DISCORD_GATEWAY === "true"
      : (env.EMBEDDED_WORKER ? env.EMBEDDED_WORKER === "true" : !env.REDIS_URL) && env.NODE_ENV !== "test",
  };
}
