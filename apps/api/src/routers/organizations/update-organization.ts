import { organization, updateOrganizationInput } from "@crm/contracts";
import { updateOrganizationSettings } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toOrganizationDto } from "../auth/dto";

export const updateOrganization = permission("organizations:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/organizations/current",
      tags: ["organizations"],
      summary: "Update the organization's settings",
    },
  })
  .input(updateOrganizationInput)
  .output(organization)
  .mutation(async ({ ctx, input }) =>
    toOrganizationDto(await updateOrganizationSettings(ctx.container.auth, ctx.actor.organizationId, input)),
  );
