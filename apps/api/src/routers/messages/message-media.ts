import { Readable } from "node:stream";
import { DomainError, notFound, openMessageMedia } from "@crm/domain";
import { type Context, type Env, Hono } from "hono";
import type { Container } from "../../container";
import { rawRoute } from "../../http/raw-route";
import { mediaHeaders } from "./media-headers";

/** Its name where a procedure's would be (errors' `data.path`, the OpenAPI operation), and who may call it. */
export const messageMediaRoute = { path: "messages.media", permission: "conversations:read" } as const;

/**
 * `GET /messages/{id}/media`: the message's stored media (what `media.url` points at). A raw route (the bytes,
 * not JSON), authenticated like the procedures (session cookie or Bearer); 404 unless the caller may see the
 * message's conversation.
 */
export function messageMediaRoutes(container: Container): Hono {
  const routes = new Hono();
  const path = "/messages/:id/media";
  routes.get(
    path,
    rawRoute<Context<Env, typeof path>>(container, messageMediaRoute, async (c, actor) => {
      const id = c.req.param("id");
      try {
        const file = await openMessageMedia(
          { store: container.conversations.store, files: container.media },
          actor,
          id,
        );
        const body = Readable.toWeb(Readable.from(file.chunks)) as ReadableStream<Uint8Array>;
        return new Response(body, { headers: mediaHeaders(file, id) });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== "NOT_FOUND") throw error;
        throw notFound("Media");
      }
    }),
  );
  return routes;
}
