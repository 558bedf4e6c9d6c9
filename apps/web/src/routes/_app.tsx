import { createFileRoute, redirect } from "@tanstack/react-router";
import { AppShell } from "../features/shell/app-shell";
import { isUnauthenticated } from "../lib/errors";
import { handlesUnauthenticated } from "../lib/trpc";

export const Route = createFileRoute("/_app")({
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(
        context.trpc.auth.me.queryOptions(undefined, { meta: { [handlesUnauthenticated]: true } }),
      );
    } catch (error) {
      if (isUnauthenticated(error)) throw redirect({ to: "/login", search: { redirect: location.href } });
      throw error;
    }
  },
  component: AppShell,
});
