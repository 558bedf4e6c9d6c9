import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // what a browser shows after a click can take seconds on a loaded two-core machine; 1 s (the default) flaked
    expect: { poll: { timeout: 10_000 } },
  },
});
