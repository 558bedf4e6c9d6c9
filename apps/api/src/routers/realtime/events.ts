import { realtimeEventsInput, type SessionEndReason } from "@crm/contracts/realtime/events";
import { realtimeEventStream } from "../../realtime/event-stream";
import { revalidateActor, whySessionEnded } from "../../realtime/revalidate";
import { sessionEndedError } from "../../trpc/errors";
import { authenticatedProcedure } from "../../trpc/init";

/**
 * The one realtime subscription (over `/trpc-ws`): every server event the user may see, resumable by id. Over a
 * socket the actor is re-read when it starts: a socket keeps the credentials it connected with, which may be gone
 * since, and is then refused saying why, as a live stream's `session_ended` would; over HTTP the request has just
 * authenticated it.
 */
export const realtimeEvents = authenticatedProcedure
  .input(realtimeEventsInput)
  .subscription(async ({ ctx, input, signal }) => {
    const { container } = ctx;
    const revalidatedAfter = container.auth.credentials.generation();
    const actor = ctx.transport === "websocket" ? await revalidateActor(container, ctx.actor) : ctx.actor;
    if (!actor) {
      const reason = await whySessionEnded(container, ctx.actor).catch((err: unknown): SessionEndReason => {
        container.logger.warn({ err }, "could not tell why a realtime session ended");
        return "signed_out";
      });
      throw sessionEndedError(reason);
    }
    return realtimeEventStream({
      hub: container.realtime.hub,
      actor,
      lastEventId: input?.lastEventId,
      signal,
      logger: container.logger,
      revalidate: (current) => revalidateActor(container, current),
      whyEnded: (current) => whySessionEnded(container, current),
      revocations: () => container.auth.credentials.generation(),
      revalidatedAfter,
    });
  });
