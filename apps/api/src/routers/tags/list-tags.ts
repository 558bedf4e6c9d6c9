import { listTagsInput, tagPage } from "@crm/contracts";
import { checkUpdatedRange } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toTagDto } from "../contacts/dto";
import { toUpdatedRange } from "../shared/updated-range";

export const listTags = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/tags",
      tags: ["tags"],
      summary: "List tags A-Z (whatever their accents), optionally only those whose name contains a text",
      description:
        "To sync changes (renames and recolors too): sort=updatedAt with updatedFrom (see the README's Syncing " +
        "changes); rows changed while you page come again at the end. A cursor belongs to the sort it came from.",
    },
  })
  .input(listTagsInput)
  .output(tagPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, search, sort } = input;
    const page = await ctx.container.contacts.store.tags.list(
      ctx.actor.organizationId,
      { search, ...checkUpdatedRange(toUpdatedRange(input)) },
      { cursor, limit, sort },
    );
    return { items: page.items.map(toTagDto), nextCursor: page.nextCursor };
  });
