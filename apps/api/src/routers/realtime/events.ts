import { realtimeEventsInput } from "@crm/contracts/realtime/events";
import { realtimeEventStream } from "../../realtime/event-stream";
import { revalidateActor } from "../../realtime/revalidate";
import { authenticatedProcedure } from "../../trpc/init";

/** The one realtime subscription (over `/trpc-ws`): every server event the user may see, resumable by id. */
export const realtimeEvents = authenticatedProcedure
  .input(realtimeEventsInput)
  .subscription(({ ctx, input, signal }) =>
    realtimeEventStream({
      hub: ctx.container.realtime.hub,
      actor: ctx.actor,
      lastEventId: input?.lastEventId,
      signal,
      logger: ctx.container.logger,
      revalidate: (actor) => revalidateActor(ctx.container, actor),
      revocations: () => ctx.container.auth.credentials.generation(),
    }),
  );
