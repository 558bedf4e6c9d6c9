import type { TRPCRouterRecord } from "@trpc/server";
import { getUser } from "./get-user";
import { inviteUser } from "./invite-user";
import { listInvitations } from "./list-invitations";
import { listUsers } from "./list-users";
import { removeUser } from "./remove-user";
import { revokeInvitation } from "./revoke-invitation";
import { updateUser } from "./update-user";

export const usersRouter = {
  list: listUsers,
  get: getUser,
  invite: inviteUser,
  update: updateUser,
  remove: removeUser,
} satisfies TRPCRouterRecord;

export const invitationsRouter = {
  list: listInvitations,
  revoke: revokeInvitation,
} satisfies TRPCRouterRecord;
