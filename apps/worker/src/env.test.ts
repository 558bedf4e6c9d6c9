import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "./env";

const minimal = { REDIS_URL: "redis://127.0.0.1:6379" };

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    readEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected readEnv to throw");
}

describe("worker env", () => {
  it("applies the defaults when only REDIS_URL is set", () => {
    expect(readEnv(minimal)).toEqual({
      redisUrl: "redis://127.0.0.1:6379",
      redisHeartbeat: { intervalMs: 5_000, timeoutMs: 5_000 },
      shutdownTimeoutMs: 20_000,
      databaseUrl: undefined,
      smtpUrl: undefined,
      mailFrom: "CRM Manager <no-reply@localhost>",
      logLevel: "info",
      dataDir: resolve("./.data"),
      encryptionKey: undefined,
      channelApiBases: {},
      discordGateway: true,
      discordGatewayUrl: undefined,
      importPreviewRetentionDays: 7,
      outgoingWebhooks: {
        allowHttp: false,
        allowPrivate: false,
        retryDelaysMs: undefined,
        disableAfterFailures: undefined,
      },
    });
  });

  it("reads every variable", () => {
    expect(
      readEnv({
        REDIS_URL: "rediss://:secret@redis.internal:6380",
        REDIS_CHANNEL_PREFIX: "staging",
        REDIS_HEARTBEAT_INTERVAL_MS: "2000",
        REDIS_HEARTBEAT_TIMEOUT_MS: "1500",
        WORKER_SHUTDOWN_TIMEOUT_MS: "8000",
        DATABASE_URL: "postgres://crm@db:5432/crm",
        SMTP_URL: "smtps://user:pass@smtp.example.com:465",
        MAIL_FROM: "Acme CRM <crm@acme.com.br>",
        LOG_LEVEL: "debug",
        DATA_DIR: "/var/lib/crm",
        ENCRYPTION_KEY: "a-key",
        WHATSAPP_API_BASE: "http://127.0.0.1:4010/v21.0",
        DISCORD_GATEWAY: "false",
        DISCORD_GATEWAY_URL: "ws://127.0.0.1:4011/gateway",
        MEDIA_MAX_BYTES: "10485760",
        IMPORT_PREVIEW_RETENTION_DAYS: "30",
        OUTGOING_WEBHOOKS_ALLOW_HTTP: "true",
        OUTGOING_WEBHOOKS_ALLOW_PRIVATE: "true",
        OUTGOING_WEBHOOKS_RETRY_DELAYS_MS: "1000,5000",
        OUTGOING_WEBHOOKS_DISABLE_AFTER: "10",
      }),
    ).toEqual({
      redisUrl: "rediss://:secret@redis.internal:6380",
      redisChannelPrefix: "staging",
      redisHeartbeat: { intervalMs: 2_000, timeoutMs: 1_500 },
      shutdownTimeoutMs: 8_000,
      databaseUrl: "postgres://crm@db:5432/crm",
      smtpUrl: "smtps://user:pass@smtp.example.com:465",
      mailFrom: "Acme CRM <crm@acme.com.br>",
      logLevel: "debug",
      dataDir: "/var/lib/crm",
      encryptionKey: "a-key",
      channelApiBases: { whatsapp: "http://127.0.0.1:4010/v21.0" },
      discordGateway: false,
      discordGatewayUrl: "ws://127.0.0.1:4011/gateway",
      mediaMaxBytes: 10_485_760,
      importPreviewRetentionDays: 30,
      outgoingWebhooks: {
        allowHttp: true,
        allowPrivate: true,
        retryDelaysMs: [1000, 5000],
        disableAfterFailures: 10,
      },
    });
  });

  it("treats an empty variable as unset", () => {
    expect(readEnv({ ...minimal, SMTP_URL: "", LOG_LEVEL: " " })).toMatchObject({
      smtpUrl: undefined,
      logLevel: "info",
    });
  });

  it("takes as REDIS_CHANNEL_PREFIX only a plain name that no database index's channels use", () => {
    for (const bad of ["crm:events", "db2", "two words"]) {
      expect(problemsOf({ ...minimal, REDIS_CHANNEL_PREFIX: bad })).toEqual([
        expect.stringMatching(/^REDIS_CHANNEL_PREFIX may hold only letters, digits/),
      ]);
    }
    expect(readEnv({ ...minimal, REDIS_CHANNEL_PREFIX: " " }).redisChannelPrefix).toBeUndefined();
  });

  it("requires REDIS_URL and says how to run without Redis", () => {
    const [problem] = problemsOf({});
    expect(problem).toContain("REDIS_URL is required");
    expect(problem).toContain("run the API alone");
  });

  it("reports every invalid variable at once without echoing their values", () => {
    const problems = problemsOf({
      REDIS_URL: "http://user:hunter2@redis",
      DATABASE_URL: "mysql://db",
      SMTP_URL: "not a url",
      MAIL_FROM: "nobody",
      LOG_LEVEL: "loud",
      MEDIA_MAX_BYTES: "25MB",
      IMPORT_PREVIEW_RETENTION_DAYS: "0",
      REDIS_HEARTBEAT_INTERVAL_MS: "5s",
      REDIS_HEARTBEAT_TIMEOUT_MS: "10",
      WORKER_SHUTDOWN_TIMEOUT_MS: "-1",
    });

    expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
      "REDIS_URL",
      "REDIS_HEARTBEAT_INTERVAL_MS",
      "REDIS_HEARTBEAT_TIMEOUT_MS",
      "WORKER_SHUTDOWN_TIMEOUT_MS",
      "DATABASE_URL",
      "SMTP_URL",
      "MAIL_FROM",
      "LOG_LEVEL",
      "MEDIA_MAX_BYTES",
      "IMPORT_PREVIEW_RETENTION_DAYS",
    ]);
    expect(problems.join("\n")).not.toContain("hunter2");
  });
});
