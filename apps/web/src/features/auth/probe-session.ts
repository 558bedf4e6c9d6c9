import { redirect } from "@tanstack/react-router";
import type { RouterContext } from "../../routes/__root";

/**
 * The signed-in user and organization, or null for a visitor without a session: from the cache when the app
 * already knows them, else from `auth.session`, which answers an anonymous visitor without an error (so a page
 * load logs no failed request). What it finds is kept as `auth.me` for the screens.
 */
export async function currentSession({ queryClient, trpc, trpcClient }: RouterContext) {
  const key = trpc.auth.me.queryKey();
  const known = queryClient.getQueryData(key);
  if (known) return known;
  const session = await trpcClient.auth.session.query();
  if (session) queryClient.setQueryData(key, session);
  return session;
}

/**
 * Sends an already signed-in visitor of /login or /signup into the app. It asks the API directly rather
 * than through the query cache, so a signed-out answer cannot disturb screens that are still mounted.
 */
export async function redirectIfSignedIn({ context }: { context: RouterContext }): Promise<void> {
  const signedIn = await context.trpcClient.auth.session.query().then(
    (session) => session !== null,
    () => false,
  );
  if (signedIn) throw redirect({ to: "/inbox" });
}
