import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nProvider } from "./i18n/i18n-provider";
import { apiBaseUrl } from "./lib/env";
import { createApi, TRPCProvider } from "./lib/trpc";
import { createAppRouter } from "./router";
import "./styles.css";

const api = createApi({
  baseUrl: apiBaseUrl,
  // A request inside the app learned the session is gone: back to login, then come back here.
  onUnauthenticated: () => {
    if (!router.state.matches.some((match) => match.routeId === "/_app")) return;
    const redirect = router.state.location.href;
    void router.navigate({ to: "/login", search: { redirect } }).then(() => api.queryClient.clear());
  },
});
const router = createAppRouter(api);

const root = document.getElementById("root");
if (!root) throw new Error("index.html must contain #root");

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={api.queryClient}>
        <TRPCProvider trpcClient={api.trpcClient} queryClient={api.queryClient}>
          <RouterProvider router={router} />
        </TRPCProvider>
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
