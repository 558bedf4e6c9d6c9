import { messageSearchPage, searchMessagesInput } from "@crm/contracts";
import { searchMessages as search } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toSearchHitDto } from "../conversations/dto";

export const searchMessages = permission("conversations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/messages",
      tags: ["messages"],
      summary: "Search messages (Portuguese full text), newest first or most relevant first",
      description:
        "Portuguese stemming: `orçamentos` finds `orçamento`; accents do not count (`negociacao` finds " +
        '`negociação`). Web-search syntax: `"a phrase"`, `-excluded`, `or`. Private notes are included; ' +
        "deleted messages never are; agents search only the conversations they may see. `sort=recent` (the " +
        "default) answers newest first and reaches every match; `sort=relevance` ranks the 1,000 newest matches " +
        "(all of them inside one conversation) by `ts_rank`, then newest first.",
    },
  })
  .input(searchMessagesInput)
  .output(messageSearchPage)
  .query(async ({ ctx, input }) => {
    const page = await search(ctx.container.conversations, ctx.actor, input);
    return { items: page.items.map(toSearchHitDto), nextCursor: page.nextCursor };
  });
