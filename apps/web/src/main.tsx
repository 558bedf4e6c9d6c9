import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createSessionEndHandler } from "./features/auth/session-end";
import { I18nProvider } from "./i18n/i18n-provider";
import { apiBaseUrl } from "./lib/env";
import { createApi, TRPCProvider } from "./lib/trpc";
import { createAppRouter } from "./router";
import "./styles.css";

const api = createApi({ baseUrl: apiBaseUrl, onUnauthenticated: (reason) => sessionEnded(reason) });
const router = createAppRouter(api);
// Inside the app the session was found gone: back to login, then come back here. Several requests may fail at
// once, and the router's location already points at /login while it navigates there: the shown one is kept.
const sessionEnded = createSessionEndHandler({
  insideApp: () => router.state.matches.some((match) => match.routeId === "/_app"),
  currentHref: () => (router.state.resolvedLocation ?? router.state.location).href,
  signingOut: () => api.queryClient.isMutating({ mutationKey: api.trpc.auth.logout.mutationKey() }) > 0,
  toLogin: (search) => router.navigate({ to: "/login", search }).then(() => api.queryClient.clear()),
});

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
