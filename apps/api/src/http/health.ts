import { Hono } from "hono";
import type { Container } from "../container";

export function healthRoutes(container: Container): Hono {
  const health = new Hono();
  health.get("/health", (c) => c.json({ status: "ok" }));
  health.get("/ready", async (c) => {
    const checks: Record<string, "ok" | string> = {};
    try {
      await container.db.ping();
      checks.database = "ok";
    } catch (error) {
      checks.database = error instanceof Error ? error.message : "unreachable";
    }
    if (container.redis) {
      try {
        await container.redis.ping();
        checks.redis = "ok";
      } catch (error) {
        checks.redis = error instanceof Error ? error.message : "unreachable";
      }
    }
    const ready = Object.values(checks).every((v) => v === "ok");
    return c.json({ status: ready ? "ready" : "unavailable", checks }, ready ? 200 : 503);
  });
  return health;
}
