import { listTagsInput, tagPage } from "@crm/contracts";
import { permission } from "../../trpc/init";
import { toTagDto } from "../contacts/dto";

export const listTags = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/tags",
      tags: ["tags"],
      summary: "List tags, newest first, optionally only those whose name contains a text",
    },
  })
  .input(listTagsInput)
  .output(tagPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, search } = input;
    const page = await ctx.container.contacts.store.tags.list(
      ctx.actor.organizationId,
      { search },
      { cursor, limit },
    );
    return { items: page.items.map(toTagDto), nextCursor: page.nextCursor };
  });
