import { afterAll, beforeAll } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { connectRealtime, type RealtimeTestClient } from "./realtime-client";
import { startRealtimeEndpoint } from "./realtime-endpoint";

/** The test API with `/trpc-ws`, started for the file's tests; clients opened through it close with it. */
export function useRealtimeTestApi(extraEnv: Record<string, string> = {}) {
  const state = {} as { api: TestApi; endpoint: Awaited<ReturnType<typeof startRealtimeEndpoint>> };
  const clients: RealtimeTestClient[] = [];

  beforeAll(async () => {
    state.api = await startTestApi(extraEnv);
    state.endpoint = await startRealtimeEndpoint(state.api.container);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await state.endpoint?.close();
    await state.api?.close();
  });

  return {
    get api() {
      return state.api;
    },
    get baseUrl() {
      return state.endpoint.baseUrl;
    },
    async connect(options: Parameters<typeof connectRealtime>[1]) {
      const client = await connectRealtime(state.endpoint.baseUrl, options);
      clients.push(client);
      return client;
    },
  };
}
