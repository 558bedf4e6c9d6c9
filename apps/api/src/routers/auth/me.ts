import { me as meOutput } from "@crm/contracts";
import { currentOrganization, notFound } from "@crm/domain";
import { z } from "zod";
import { authenticatedProcedure } from "../../trpc/init";
import { toOrganizationDto, toUserDto } from "./dto";

export const me = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "GET",
      path: "/auth/me",
      tags: ["auth"],
      summary: "The signed-in user and organization",
    },
  })
  .input(z.object({}).optional())
  .output(meOutput)
  .query(async ({ ctx }) => {
    const { actor } = ctx;
    if (actor.kind !== "user") throw notFound("User"); // userOnly already refuses API keys
    const user = await ctx.container.auth.store.users.findById(actor.organizationId, actor.userId);
    if (!user) throw notFound("User");
    const organization = await currentOrganization(ctx.container.auth, actor.organizationId);
    return { user: toUserDto(user), organization: toOrganizationDto(organization) };
  });
