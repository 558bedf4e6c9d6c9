import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";
import { NotFound } from "../components/not-found";
import { RouteError } from "../components/route-error";
import type { Api, Trpc } from "../lib/trpc";

export interface RouterContext {
  queryClient: QueryClient;
  trpc: Trpc;
  /** For calls that must not touch the query cache (probing the session). */
  trpcClient: Api["trpcClient"];
  /** Back to login, once, keeping where the user was (and saying why, when the realtime subscription told). */
  sessionEnded: Api["sessionEnded"];
  /** The realtime socket's state, for the "Reconnecting…" indicator. */
  realtime: Api["realtime"];
}

export const Route = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});
