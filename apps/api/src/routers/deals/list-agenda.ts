import { agendaPage, listAgendaInput } from "@crm/contracts";
import { type AgendaItem, listAgenda as list, type UserActivityType } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toDealActivityDto } from "./dto";

export const listAgenda = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/activities",
      tags: ["deals"],
      summary: "Notes, tasks, calls and meetings across the organization's deals, earliest due first",
      description:
        "Those without a due date come last. `due=today` is today in the organization's time zone. " +
        "Activities of won and lost deals are listed too, with their deal's status; `status=open` leaves them out.",
    },
  })
  .input(listAgendaInput)
  .output(agendaPage)
  .query(async ({ ctx, input }) => {
    const page = await list(ctx.container.deals, ctx.actor, input);
    return { items: page.items.map(toAgendaItemDto), nextCursor: page.nextCursor };
  });

const toAgendaItemDto = (item: AgendaItem) => ({
  ...toDealActivityDto(item.activity),
  // the agenda reads users' activities only
  type: item.activity.type as UserActivityType,
  overdue: item.overdue,
  deal: {
    id: item.deal.id,
    title: item.deal.title,
    pipelineId: item.deal.pipelineId,
    stage: item.deal.stageId,
    stageName: item.stageName,
    status: item.deal.status,
    assigneeId: item.deal.assigneeId,
    contactName: item.deal.contactName,
  },
});
