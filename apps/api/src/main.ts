import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { createContainer } from "./container";
import { seedDemoOrganization } from "./embedded/seed-demo";
import { loadEnv } from "./env";
import { createLogger } from "./logger";
import { attachRealtimeServer } from "./realtime/ws-server";

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);

const container = await createContainer(env, logger);
if (env.seedDemo) await seedDemoOrganization(container);

const app = createApp(container);
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info(
    {
      port: info.port,
      database: container.db.kind,
      redis: Boolean(env.REDIS_URL),
      worker: env.embeddedWorker,
      websockets: env.websockets,
    },
    `CRM Manager listening on ${env.publicUrl}`,
  );
});
const realtime = env.websockets ? attachRealtimeServer(server, container) : undefined;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  // clients reconnect (to another replica) and resume from their last event id
  if (realtime) {
    realtime.broadcastReconnect();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await realtime.close();
  }
  server.close();
  await container.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
