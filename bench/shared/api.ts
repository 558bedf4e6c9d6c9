import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "@crm/api/app";
import { createContainer } from "@crm/api/container";
import { loadEnv } from "@crm/api/env";
import { createLogger } from "@crm/api/logger";
import { migrateToLatest } from "@crm/db";
import { openPostgres } from "@crm/db/client";
import { serve } from "@hono/node-server";

/** Migrates the bench database and serves the real API from this process, in production mode. */
export async function startBenchApi(benchUrl: string) {
  const handle = openPostgres(benchUrl, { poolMax: 20 });
  await migrateToLatest(handle.db);
  const env = loadEnv({
    NODE_ENV: "production",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATABASE_URL: benchUrl,
    DATABASE_POOL_MAX: "20",
    DATA_DIR: mkdtempSync(join(tmpdir(), "crm-bench-")),
    SEED_DEMO: "false",
    WEB_DIST_DIR: "/nonexistent",
    PUBLIC_URL: "http://localhost:3000",
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    AUTH_RATE_LIMIT_PER_IP: "1000",
  });
  const container = await createContainer(env, createLogger("silent"), { database: handle });
  const server = serve({ fetch: createApp(container).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  // idle keep-alive sockets outlive the seeding; never let the server close one a request is about to reuse
  (server as Server).keepAliveTimeout = 120_000;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  return {
    container,
    baseUrl,
    async close() {
      server.close();
      await container.close();
      await handle.close();
    },
  };
}

export const benchPassword = "correct horse battery";

export interface SignedIn {
  token: string;
  user: { id: string };
  organization: { id: string };
}

/** POSTs to /auth/register or /auth/login, answering the session. */
export async function signIn(baseUrl: string, path: string, body: object): Promise<SignedIn> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SignedIn;
}
