import { z } from "zod";
import { id, role } from "../shared/common";

/**
 * The realtime `membership_changed` event, delivered only to `userId`: their role changed or they were removed.
 * A promotion keeps their sessions (the new role applies at once); a demotion or a removal ends them, and their
 * subscription ends with `session_ended` instead of receiving this.
 */
export const membershipChangedPayload = z.object({
  userId: id,
  role: role.nullable().describe("The user's role now; null when they were removed from the organization"),
});

/**
 * The realtime `team_updated` event, to every member: someone joined the organization, was renamed, changed role
 * or left it. Refetch what shows the team (assignees, owners, mentions, the team page).
 */
export const teamUpdatedPayload = z.object({
  userId: id.describe("The member who joined, changed or left"),
  change: z.enum(["joined", "updated", "removed"]).describe("updated: their name or role changed"),
});

export const organizationSetting = z.enum([
  "name",
  "slug",
  "dataRetentionDays",
  "defaultCurrency",
  "timezone",
  "locale",
]);

/** The realtime `organization_updated` event: the organization's settings changed (refetch them). */
export const organizationUpdatedPayload = z.object({
  changed: z.array(organizationSetting).describe("The settings that were saved"),
});
