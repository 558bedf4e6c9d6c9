import { createFileRoute, redirect } from "@tanstack/react-router";
import { currentSession } from "../features/auth/probe-session";
import { AppShell } from "../features/shell/app-shell";

export const Route = createFileRoute("/_app")({
  beforeLoad: async ({ context, location }) => {
    if (!(await currentSession(context)))
      throw redirect({ to: "/login", search: { redirect: location.href } });
  },
  component: AppShell,
});
