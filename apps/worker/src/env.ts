import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defaultImportPreviewRetentionDays } from "@crm/domain/contacts/import-retention";
import { channelPrefixPattern, channelPrefixRule } from "@crm/runtime/redis/channel-namespace";
import { defaultRedisHeartbeat, type RedisHeartbeat } from "@crm/runtime/redis/heartbeat";
import type { OutgoingWebhooksSettings } from "./jobs/outgoing-webhooks/outgoing-webhooks-deps";
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface WorkerEnv {
  redisUrl: string;
  /** REDIS_CHANNEL_PREFIX: sets apart the pub/sub channels of deployments sharing one database index; the API's. */
  redisChannelPrefix: string | undefined;
  /** REDIS_HEARTBEAT_INTERVAL_MS / _TIMEOUT_MS: the PING that finds a pub/sub connection dead silently; the API's. */
  redisHeartbeat: RedisHeartbeat;
  /**
   * WORKER_SHUTDOWN_TIMEOUT_MS: how long a stop waits for the running jobs, and then for each of its connections
   * to close; what is still open then is dropped (its jobs are retried once found stalled) and the exit code is 1.
   */
  shutdownTimeoutMs: number;
  /** Not used by any job yet; jobs that touch data will need it. */
  databaseUrl: string | undefined;
  /** Without it, emails are written to the log instead of being sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: LogLevel;
  /** Files kept by the worker (downloaded media under `media/`); a volume shared with the API. */
  dataDir: string;
  /** Decrypts integration credentials; must be the API's. Unset: the key file in `dataDir`, if any. */
  encryptionKey: string | undefined;
  /** Provider API base URLs that differ from the real ones (tests point them at local fakes). */
  channelApiBases: Partial<Record<"whatsapp" | "telegram" | "slack" | "discord", string>>;
  /** STRIPE_API_BASE / MERCADOPAGO_API_BASE: payment provider APIs that differ from the real ones. */
  stripeApiBase?: string | undefined;
  mercadopagoApiBase?: string | undefined;
  /** Hold the Discord Gateway connections (DISCORD_GATEWAY, default true). */
  discordGateway: boolean;
  /** DISCORD_GATEWAY_URL: where to connect instead of asking GET /gateway/bot. */
  discordGatewayUrl: string | undefined;
  /** MEDIA_MAX_BYTES: the largest inbound media file downloaded; undefined: the adapters' default (25 MiB). */
  mediaMaxBytes: number | undefined;
  /** IMPORT_PREVIEW_RETENTION_DAYS: days a finished contact import preview waits for its confirmation (7). */
  importPreviewRetentionDays: number;
  /** OUTGOING_WEBHOOKS_ALLOW_HTTP / _ALLOW_PRIVATE / _RETRY_DELAYS_MS / _DISABLE_AFTER, as the API reads them. */
  outgoingWebhooks: OutgoingWebhooksSettings;
}

export class EnvError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid worker environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
    this.problems = problems;
  }
}

// under the 30 s a container is usually given between SIGTERM and SIGKILL, with room for the connections
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20_000;
const DEFAULT_MAIL_FROM = "CRM Manager <no-reply@localhost>";

/** The only reader of process.env in the worker. Values are never echoed back: URLs may hold passwords. */
export function readEnv(env: Record<string, string | undefined> = process.env): WorkerEnv {
  const source = withFileSecrets(env);
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = source[name]?.trim();
    return raw === "" ? undefined : raw;
  };
  const url = (name: string, protocols: string[], example: string) => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    if (!URL.canParse(raw) || !protocols.includes(new URL(raw).protocol)) {
      problems.push(`${name} must be a ${protocols.join(" or ")}// URL, e.g. ${example}`);
    }
    return raw;
  };

  const redisUrl = url("REDIS_URL", ["redis:", "rediss:"], "redis://127.0.0.1:6379");
  if (redisUrl === undefined) {
    problems.push(
      "REDIS_URL is required: the standalone worker takes its jobs from Redis (e.g. redis://127.0.0.1:6379). " +
        "Without Redis, run the API alone: it processes jobs in-process.",
    );
  }
  const redisChannelPrefix = value("REDIS_CHANNEL_PREFIX");
  if (redisChannelPrefix !== undefined && !channelPrefixPattern.test(redisChannelPrefix))
    problems.push(`REDIS_CHANNEL_PREFIX ${channelPrefixRule}`);
  const milliseconds = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (Number.isSafeInteger(parsed) && parsed >= 100) return parsed;
    problems.push(`${name} must be a whole number of milliseconds, at least 100, e.g. ${fallback}`);
    return fallback;
  };
  const redisHeartbeat = {
    intervalMs: milliseconds("REDIS_HEARTBEAT_INTERVAL_MS", defaultRedisHeartbeat.intervalMs),
    timeoutMs: milliseconds("REDIS_HEARTBEAT_TIMEOUT_MS", defaultRedisHeartbeat.timeoutMs),
  };
  const shutdownTimeoutMs = milliseconds("WORKER_SHUTDOWN_TIMEOUT_MS", DEFAULT_SHUTDOWN_TIMEOUT_MS);
  const databaseUrl = url("DATABASE_URL", ["postgres:", "postgresql:"], "postgres://user@127.0.0.1:5432/crm");
  const smtpUrl = url("SMTP_URL", ["smtp:", "smtps:"], "smtp://user:password@smtp.example.com:587");
  const mailFrom = value("MAIL_FROM") ?? DEFAULT_MAIL_FROM;
  if (!mailFrom.includes("@"))
    problems.push('MAIL_FROM must contain an email address, e.g. "CRM <crm@example.com>"');
  const logLevel = value("LOG_LEVEL") ?? "info";
  if (!isLogLevel(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);

  const channelApiBases: WorkerEnv["channelApiBases"] = {};
  for (const channel of ["whatsapp", "telegram", "slack", "discord"] as const) {
    const base = url(
      `${channel.toUpperCase()}_API_BASE`,
      ["http:", "https:"],
      "https://graph.facebook.com/v21.0",
    );
    if (base !== undefined) channelApiBases[channel] = base;
  }

  const stripeApiBase = url("STRIPE_API_BASE", ["http:", "https:"], "https://api.stripe.com");
  const mercadopagoApiBase = url("MERCADOPAGO_API_BASE", ["http:", "https:"], "https://api.mercadopago.com");

  const discordGatewayUrl = url("DISCORD_GATEWAY_URL", ["wss:", "ws:"], "wss://gateway.discord.gg");
  const discordGateway = value("DISCORD_GATEWAY") ?? "true";
  if (discordGateway !== "true" && discordGateway !== "false")
    problems.push("DISCORD_GATEWAY must be true or false");
  const mediaMaxBytesRaw = value("MEDIA_MAX_BYTES");
  const mediaMaxBytes = mediaMaxBytesRaw === undefined ? undefined : Number(mediaMaxBytesRaw);
  if (mediaMaxBytes !== undefined && !(Number.isSafeInteger(mediaMaxBytes) && mediaMaxBytes > 0))
    problems.push("MEDIA_MAX_BYTES must be a positive whole number of bytes, e.g. 26214400 (25 MiB)");
  const importPreviewRetentionDays = Number(
    value("IMPORT_PREVIEW_RETENTION_DAYS") ?? defaultImportPreviewRetentionDays,
  );
  if (!(Number.isSafeInteger(importPreviewRetentionDays) && importPreviewRetentionDays > 0))
    problems.push("IMPORT_PREVIEW_RETENTION_DAYS must be a positive whole number of days, e.g. 7");

  const outgoingWebhooks = readOutgoingWebhooks(value, problems);

  if (problems.length > 0 || redisUrl === undefined || !isLogLevel(logLevel)) throw new EnvError(problems);
  return {
    redisUrl,
    redisChannelPrefix,
    redisHeartbeat,
    shutdownTimeoutMs,
    databaseUrl,
    smtpUrl,
    mailFrom,
    logLevel,
    dataDir: resolve(value("DATA_DIR") ?? "./.data"),
    encryptionKey: value("ENCRYPTION_KEY"),
    channelApiBases,
    stripeApiBase,
    mercadopagoApiBase,
    discordGateway: discordGateway === "true",
    discordGatewayUrl,
    mediaMaxBytes,
    importPreviewRetentionDays,
    outgoingWebhooks,
  };
}

function readOutgoingWebhooks(
  value: (name: string) => string | undefined,
  problems: string[],
): OutgoingWebhooksSettings {
  const flag = (name: string) => {
    const raw = value(name) ?? "false";
    if (raw !== "true" && raw !== "false") problems.push(`${name} must be true or false`);
    return raw === "true";
  };
  const delays = value("OUTGOING_WEBHOOKS_RETRY_DELAYS_MS");
  if (delays !== undefined && !/^\d+(,\d+)*$/.test(delays))
    problems.push(
      "OUTGOING_WEBHOOKS_RETRY_DELAYS_MS must be comma-separated whole milliseconds, e.g. 60000,300000",
    );
  const disableAfter = value("OUTGOING_WEBHOOKS_DISABLE_AFTER");
  if (disableAfter !== undefined && !(Number.isSafeInteger(Number(disableAfter)) && Number(disableAfter) > 0))
    problems.push("OUTGOING_WEBHOOKS_DISABLE_AFTER must be a positive whole number");
  return {
    allowHttp: flag("OUTGOING_WEBHOOKS_ALLOW_HTTP"),
    allowPrivate: flag("OUTGOING_WEBHOOKS_ALLOW_PRIVATE"),
    retryDelaysMs: delays?.split(",").map(Number),
    disableAfterFailures: disableAfter === undefined ? undefined : Number(disableAfter),
  };
}

function isLogLevel(level: string): level is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(level);
}

const secretNames = ["REDIS_URL", "DATABASE_URL", "SMTP_URL", "ENCRYPTION_KEY"];

/** Docker secrets: REDIS_URL_FILE=/run/secrets/redis_url stands for REDIS_URL (our variables only). */
function withFileSecrets(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...source };
  for (const name of secretNames) {
    const file = source[`${name}_FILE`];
    if (file) out[name] = readFileSync(file, "utf8").trim();
  }
  return out;
}
