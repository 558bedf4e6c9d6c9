import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

/** The signed-in user and organization; the `_app` route guard has loaded them before any screen renders. */
export function useSession() {
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.auth.me.queryOptions()).data;
}
