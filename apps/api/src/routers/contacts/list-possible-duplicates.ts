import { possibleDuplicates, possibleDuplicatesInput } from "@crm/contracts";
import { findPossibleDuplicates } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDto } from "./dto";

export const listPossibleDuplicates = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/{id}/duplicates",
      tags: ["contacts"],
      summary: "Contacts that may be the same person as this one, to merge",
      description:
        "Same name (accents and letter case aside), same phone (a Brazilian mobile with or without its ninth " +
        "digit), or the same email before the @ at another domain; the most matching signals " +
        "first. A short ranked list (limit, no cursor): to look further, search GET /contacts.",
    },
  })
  .input(possibleDuplicatesInput)
  .output(possibleDuplicates)
  .query(async ({ ctx, input }) => {
    const items = await findPossibleDuplicates(ctx.container.contacts, ctx.actor, input.id, input.limit);
    return { items: items.map((item) => ({ contact: toContactDto(item.contact), signals: item.signals })) };
  });
