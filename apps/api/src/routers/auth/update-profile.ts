import { updateProfileInput, user } from "@crm/contracts";
import { updateOwnProfile } from "@crm/domain";
import { authenticatedProcedure } from "../../trpc/init";
import { toUserDto } from "./dto";

/** Any role may rename itself; renaming others is `users.update`, for owners and admins. */
export const updateProfile = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "PATCH",
      path: "/auth/me",
      tags: ["auth"],
      summary: "Change your own name, whatever your role (users only)",
    },
  })
  .input(updateProfileInput)
  .output(user)
  .mutation(async ({ ctx, input }) =>
    toUserDto(await updateOwnProfile(ctx.container.auth, ctx.actor, input)),
  );
