import { organization } from "@crm/contracts";
import { currentOrganization as current } from "@crm/domain";
import { z } from "zod";
import { permission } from "../../trpc/init";
import { toOrganizationDto } from "../auth/dto";

export const currentOrganization = permission("organizations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/organizations/current",
      tags: ["organizations"],
      summary: "The caller's organization and its settings",
    },
  })
  .input(z.object({}).optional())
  .output(organization)
  .query(async ({ ctx }) => toOrganizationDto(await current(ctx.container.auth, ctx.actor.organizationId)));
