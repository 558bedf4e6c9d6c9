import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiTarget = "http://localhost:3000";

export default defineConfig({
  plugins: [
    // The router plugin must run before the React plugin so route files are split before JSX is compiled.
    tanstackRouter({
      target: "react",
      autoCodeSplitting: true,
      routesDirectory: fileURLToPath(new URL("./src/routes", import.meta.url)),
      generatedRouteTree: fileURLToPath(new URL("./src/routeTree.gen.ts", import.meta.url)),
    }),
    react(),
    tailwindcss(),
  ],
  server: {
    // Regex keys so that /trpc does not swallow /trpc-ws and /api does not match client routes like /api-keys.
    proxy: {
      "^/trpc-ws": { target: apiTarget, ws: true },
      "^/trpc(/|$)": { target: apiTarget },
      "^/api/": { target: apiTarget },
      "^/webhooks/": { target: apiTarget },
    },
  },
});
