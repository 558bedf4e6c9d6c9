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
}

export const Route = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});
