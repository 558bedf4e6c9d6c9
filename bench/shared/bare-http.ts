import { fileURLToPath } from "node:url";
import { createJsonClient } from "./http-client";
import { type LoadOptions, measure } from "./measure";
import { spawnScript } from "./processes";
import type { Statement } from "./sql-replay";

/**
 * `bare-http-server.ts` in a process of its own, as the API runs, on the bench database: the statements a
 * scenario's request sent, answered over the same HTTP stack with nothing of the API around them.
 */
export async function startBareHttp(benchUrl: string) {
  const server = await spawnScript(
    fileURLToPath(new URL("./bare-http-server.ts", import.meta.url)),
    { DATABASE_URL: benchUrl, DATABASE_POOL_MAX: "20", NODE_ENV: "production" },
    /bare HTTP listening on (\d+)/,
  );
  const baseUrl = `http://127.0.0.1:${server.match[1]}`;
  const client = createJsonClient(baseUrl, "");
  return {
    /** Times `statements` over HTTP under `load`, as the API's side of the benchmark is timed. */
    async measure(statements: Statement[], load: LoadOptions) {
      const registered = await fetch(`${baseUrl}/statements`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(statements),
      });
      const { path } = (await registered.json()) as { path: string };
      return measure(async () => {
        const response = await client.get(path);
        if (response.status !== 200) throw new Error(`bare HTTP ${path}: ${response.status}`);
      }, load);
    },
    async close() {
      client.close();
      await server.stop();
    },
  };
}
