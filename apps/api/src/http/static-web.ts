import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";

const apiPrefixes = ["/trpc", "/api/", "/webhooks/", "/docs", "/openapi.json", "/health", "/ready"];

/** Serves the built SPA, with index.html for every client-side route. */
export function mountWebApp(app: Hono, distDir: string): boolean {
  const indexFile = join(distDir, "index.html");
  if (!existsSync(indexFile)) return false;
  const root = relative(process.cwd(), distDir) || ".";
  app.use("/*", serveStatic({ root }));
  app.get("*", async (c, next) => {
    if (apiPrefixes.some((prefix) => c.req.path.startsWith(prefix))) return next();
    return c.html(await readFile(indexFile, "utf8"));
  });
  return true;
}
