import { createTagInput, tag } from "@crm/contracts";
import { createTag as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toTagDto } from "../contacts/dto";

export const createTag = permission("contacts:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/tags",
      tags: ["tags"],
      summary: "Create a tag (409 with data.existingId when the name is taken)",
    },
  })
  .input(createTagInput)
  .output(tag)
  .mutation(async ({ ctx, input }) => toTagDto(await create(ctx.container.contacts, ctx.actor, input)));
