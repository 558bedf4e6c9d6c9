import { redirect } from "@tanstack/react-router";
import type { RouterContext } from "../../routes/__root";

/**
 * Sends an already signed-in visitor of /login or /signup into the app. It asks the API directly rather
 * than through the query cache, so a signed-out answer cannot disturb screens that are still mounted.
 */
export async function redirectIfSignedIn({ context }: { context: RouterContext }): Promise<void> {
  const signedIn = await context.trpcClient.auth.me.query().then(
    () => true,
    () => false,
  );
  if (signedIn) throw redirect({ to: "/inbox" });
}
