import { me as meOutput } from "@crm/contracts";
import { type Actor, currentOrganization, notFound } from "@crm/domain";
import { z } from "zod";
import type { Container } from "../../container";
import { authenticatedProcedure } from "../../trpc/init";
import { toOrganizationDto, toUserDto } from "./dto";

/** The signed-in user and organization, or undefined for an API key or a user removed meanwhile. */
export async function signedInUser(container: Container, actor: Actor) {
  if (actor.kind !== "user") return undefined;
  const user = await container.auth.store.users.findById(actor.organizationId, actor.userId);
  if (!user) return undefined;
  const organization = await currentOrganization(container.auth, actor.organizationId);
  return { user: toUserDto(user), organization: toOrganizationDto(organization) };
}

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
    const signedIn = await signedInUser(ctx.container, ctx.actor);
    if (!signedIn) throw notFound("User"); // userOnly already refuses API keys
    return signedIn;
  });
