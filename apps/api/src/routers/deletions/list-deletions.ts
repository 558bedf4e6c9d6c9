import { deletionPage, listDeletionsInput } from "@crm/contracts";
import { listDeletions as list } from "@crm/domain/deletions/list-deletions";
import { authenticatedProcedure } from "../../trpc/init";

// the permission depends on `entity` (its list's read permission), so the use case checks it
export const listDeletions = authenticatedProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/deletions",
      tags: ["deletions"],
      summary: "List deleted contacts, companies, deals, conversations or tags, oldest first",
      description:
        "To sync deletions alongside sort=updatedAt (see the README's Syncing changes): one kind a request, " +
        "by (deletedAt, id), within deletedFrom and deletedTo (both inclusive). A merged contact names the " +
        "contact it went into. Each kind asks its list's read permission; conversation deletions are only " +
        "for roles that see every conversation (not agents). Kept as long as the organization's data retention.",
    },
  })
  .input(listDeletionsInput)
  .output(deletionPage)
  .query(async ({ ctx, input }) => {
    const { entity, deletedFrom, deletedTo, cursor, limit } = input;
    const page = await list(
      ctx.container.deletions,
      ctx.actor,
      {
        entity,
        deletedFrom: deletedFrom === undefined ? undefined : new Date(deletedFrom),
        deletedTo: deletedTo === undefined ? undefined : new Date(deletedTo),
      },
      { cursor, limit },
    );
    return {
      items: page.items.map((item) => ({ ...item, deletedAt: item.deletedAt.toISOString() })),
      nextCursor: page.nextCursor,
    };
  });
