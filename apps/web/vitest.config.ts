import { defineConfig } from "vitest/config";

/** Unit tests of the web app's client-side logic; the browser tests live in vitest.e2e.config.ts. */
export default defineConfig({
  test: {
    name: "web",
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
