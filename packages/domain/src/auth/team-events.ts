import type { AuthDeps } from "./ports";

export type TeamChange = "joined" | "updated" | "removed";

/** Tells every member's open screens that the team changed, so names, roles and assignee lists are re-read. */
export async function publishTeamUpdated(
  deps: Pick<AuthDeps, "events" | "clock">,
  organizationId: string,
  userId: string,
  change: TeamChange,
): Promise<void> {
  await deps.events.publish({
    type: "team_updated",
    organizationId,
    payload: { userId, change },
    occurredAt: deps.clock.now().toISOString(),
  });
}
