import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { testEnv } from "@crm/runtime/testing/env";
import { startSmtpSink } from "@crm/worker/testing/smtp-sink";
import { serve } from "@hono/node-server";
import { createTRPCClient, httpLink } from "@trpc/client";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../app";
import { type Container, createContainer } from "../container";
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import type { AppRouter } from "../trpc/root";

export interface RestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The real API on a loopback port, on its own database (Postgres or PGlite) and its own Redis namespace,
 * with a real SMTP server catching its mail. Tests speak HTTP to it, as clients do.
 */
export async function startTestApi(extraEnv: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const services = testEnv();
  const smtp = await startSmtpSink();
  const env = loadEnv({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: services.logLevel,
    SEED_DEMO: "false",
    SMTP_URL: smtp.url,
    WEB_DIST_DIR: "/nonexistent",
    PUBLIC_URL: "http://localhost:3000",
    EMBEDDED_WORKER: "true",
    AUTH_RATE_LIMIT_PER_IP: "10000",
    ...(services.redisUrl ? { REDIS_URL: services.redisUrl } : {}),
    ...extraEnv,
  });
  const logger = createLogger(env.LOG_LEVEL);
  const container: Container = await createContainer(env, logger, {
    database,
    redisPrefix: `test-${randomUUID().slice(0, 8)}:`,
  });
  const app = createApp(container);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function rest<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<RestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: response.headers,
    };
  }

  const trpc = (token?: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${baseUrl}/trpc`,
          headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        }),
      ],
    });

  let counter = 0;
  async function register(
    overrides: Partial<{ organizationName: string; name: string; email: string; password: string }> = {},
  ) {
    counter += 1;
    const input = {
      organizationName: `Org ${counter} ${randomUUID().slice(0, 6)}`,
      name: `Owner ${counter}`,
      email: `owner-${randomUUID().slice(0, 8)}@example.com`,
      password: "correct horse battery",
      ...overrides,
    };
    const signedIn = await trpc().auth.register.mutate(input);
    return { ...signedIn, password: input.password };
  }

  /** A member of the owner's organization with the given role, signed in. */
  async function member(ownerToken: string, role: "owner" | "admin" | "agent" | "viewer") {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
    await trpc(ownerToken).users.invite.mutate({ email, role });
    const mail = await smtp.waitFor(email);
    const token = mail.text.match(/accept-invitation\?token=([a-z0-9]+)/)?.[1];
    if (!token) throw new Error("invitation mail without link");
    return trpc().auth.acceptInvitation.mutate({
      token,
      name: `A ${role}`,
      password: "correct horse battery",
    });
  }

  return {
    baseUrl,
    container,
    smtp,
    rest,
    trpc,
    register,
    member,
    async close() {
      server.close();
      await container.close();
      await database.close();
      await smtp.close();
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>>;

/**
 * Starts the API before the file's tests and closes it after them; the returned object stands for it. `extraEnv`
 * may be a function, read when the API starts: a fake provider started in an earlier beforeAll has its URL then.
 */
export function useTestApi(extraEnv: Record<string, string> | (() => Record<string, string>) = {}): TestApi {
  let started: TestApi | undefined;
  beforeAll(async () => {
    started = await startTestApi(typeof extraEnv === "function" ? extraEnv() : extraEnv);
  });
  afterAll(() => started?.close());
  return new Proxy({} as TestApi, {
    get(_target, property) {
      if (!started) throw new Error("useTestApi: the API starts in beforeAll; use it inside a test or hook");
      return Reflect.get(started, property, started);
    },
  });
}
