import { deal, updateDealInput } from "@crm/contracts";
import { updateDeal as update } from "@crm/domain";
import { etagResponseHeader, ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";
import { toDealDto } from "./dto";

export const updateDeal = permission("deals:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/deals/{id}",
      tags: ["deals"],
      summary: "Edit, move, win, lose or reopen a deal",
      description:
        '`{ stage }` moves the deal (a `stage_changed` activity); `{ status: "won" }` wins it; ' +
        '`{ status: "lost", lostReasonId?, lostReason? }` loses it (a predefined reason of `/lost-reasons`, ' +
        "free text, or both: with the id alone the text is its name); " +
        '`{ status: "open" }` reopens it. A new `contactId` writes a `contact_changed` activity; a change of the ' +
        "title, value, expected close date or owner writes one `fields_changed` activity listing each changed " +
        "field with its old and new value.",
      requestHeaders: ifMatchRequestHeader,
      responseHeaders: etagResponseHeader,
    },
  })
  .input(updateDealInput)
  .output(deal)
  .mutation(async ({ ctx, input }) => {
    const { id, expectedUpdatedAt, ...patch } = input;
    const precondition = preconditionOf(ctx, id, expectedUpdatedAt);
    return toDealDto(await update(ctx.container.deals, ctx.actor, id, { ...patch, ...precondition }));
  });
