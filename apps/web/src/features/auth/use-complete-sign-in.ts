import type { AppRouter } from "@crm/api/trpc/root";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useRouter } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import { safeRedirect } from "../../lib/redirect";
import { useTRPC } from "../../lib/trpc";

type SignedIn = inferRouterOutputs<AppRouter>["auth"]["login"];

/** After login, sign-up or accepting an invitation: the answer already holds the session, so no refetch. */
export function useCompleteSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();
  return async ({ user, organization }: SignedIn, redirectTo?: string) => {
    queryClient.clear(); // nothing from a previous user may leak into this session
    queryClient.setQueryData(trpc.auth.me.queryKey(), { user, organization });
    // checked again here, whatever the caller validated: a foreign URL must never reach the history
    const target = safeRedirect(redirectTo);
    if (target) router.history.push(target);
    else await navigate({ to: "/inbox" });
  };
}
