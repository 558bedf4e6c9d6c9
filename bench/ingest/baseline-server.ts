import { createDatabase } from "@crm/db";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

/*
 * The baseline: a bare Hono route that stores the webhook as one INSERT of a webhook_logs row, on a pool of
 * the API's size, with no signature check, no routing and no queue. What a webhook costs at the least.
 */

const settings: Record<string, string | undefined> = process.env;
const databaseUrl = settings.DATABASE_URL;
const organizationId = settings.BASELINE_ORGANIZATION_ID;
const integrationId = settings.BASELINE_INTEGRATION_ID;
if (!databaseUrl || !organizationId || !integrationId) {
  throw new Error("DATABASE_URL, BASELINE_ORGANIZATION_ID and BASELINE_INTEGRATION_ID are required");
}
const database = await createDatabase({ databaseUrl, poolMax: Number(settings.DATABASE_POOL_MAX ?? 20) });

const app = new Hono();
app.post("/baseline", async (c) => {
  const payload: unknown = JSON.parse(await c.req.text());
  await database.db
    .insertInto("webhook_logs")
    .values({
      organization_id: organizationId,
      integration_id: integrationId,
      channel: "whatsapp",
      payload: JSON.stringify(payload),
      status: "success",
    })
    .execute();
  return c.body(null, 200);
});
app.get("/health", (c) => c.text("ok"));

serve({ fetch: app.fetch, port: Number(settings.PORT ?? 0), hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`baseline listening on ${info.port}\n`);
});
process.on("SIGTERM", () => {
  void database.close().then(() => process.exit(0));
});
