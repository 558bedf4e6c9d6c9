import { createRouter } from "@tanstack/react-router";
import { Loading } from "./components/ui/loading";
import type { Api } from "./lib/trpc";
import { routeTree } from "./routeTree.gen";

export function createAppRouter(api: Api) {
  return createRouter({
    routeTree,
    context: {
      queryClient: api.queryClient,
      trpc: api.trpc,
      trpcClient: api.trpcClient,
      sessionEnded: api.sessionEnded,
      realtime: api.realtime,
    },
    defaultPreload: "intent",
    // Preloaded data lives in TanStack Query, which decides freshness; the router should always ask it.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: () => <Loading />,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module "@tanstack/react-router" {
  interface Register {
    router: AppRouter;
  }
  interface StaticDataRouteOption {
    /** The screen uses the whole width (the deals board) instead of the reading column. */
    wide?: boolean;
  }
}
