import { z } from "zod";
import { id, role, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const user = z.object({
  id,
  organizationId: id,
  email: z.string(),
  name: z.string(),
  role,
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const listUsersInput = z.object({
  ...pageInput,
  role: role.optional().describe("Only users with this role"),
  search: z.string().max(200).optional().describe("Part of the name or email"),
});
export const userPage = pageOf(user);

export const updateUserInput = strictInput({
  id,
  name: z.string().min(1).max(200).optional(),
  role: role.optional().describe("Only owners and admins change roles; admins cannot grant owner"),
});

export const invitation = z.object({
  id,
  email: z.string(),
  role,
  invitedBy: id.nullable(),
  expiresAt: timestamp,
  acceptedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const invitationPage = pageOf(invitation);
export const sentInvitation = invitation.extend({
  replacedRole: role
    .nullable()
    .describe(
      "The role of the pending invitation to this address that this one replaced (its link no longer works); null when there was none",
    ),
});
export const inviteUserInput = strictInput({
  email: z.string().max(320).describe("Where the invitation is sent"),
  role: role.default("agent"),
});
export const listInvitationsInput = z.object({ ...pageInput });
