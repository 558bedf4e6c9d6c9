import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "server",
          include: [
            "packages/*/src/**/*.test.ts",
            "apps/api/src/**/*.test.ts",
            "apps/worker/src/**/*.test.ts",
          ],
          environment: "node",
          globalSetup: ["packages/db/src/testing/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // a queue job or a webhook retry can take seconds on a loaded two-core machine; 1 s is the default
          expect: { poll: { timeout: 10_000 } },
        },
      },
      "apps/web/vitest.config.ts",
    ],
  },
});
