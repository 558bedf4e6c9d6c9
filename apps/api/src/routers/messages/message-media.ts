import { Readable } from "node:stream";
import { can, DomainError, openMessageMedia } from "@crm/domain";
import { Hono } from "hono";
import type { Container } from "../../container";
import { errorBody, routeActor } from "../../http/raw-route";
import { mediaHeaders } from "./media-headers";

/**
 * `GET /messages/{id}/media`: the message's stored media (what `media.url` points at). A raw route (the bytes,
 * not JSON), authenticated like the procedures (session cookie or Bearer); 404 unless the caller may see the
 * message's conversation.
 */
export function messageMediaRoutes(container: Container): Hono {
  const routes = new Hono();
  routes.get("/messages/:id/media", async (c) => {
    const actor = await routeActor(container, c);
    if (!actor) return c.json(errorBody("UNAUTHENTICATED", "Sign in first"), 401);
    if (!can(actor.role, "conversations:read")) {
      return c.json(
        errorBody("FORBIDDEN", `Your role (${actor.role}) cannot do this (conversations:read)`),
        403,
      );
    }
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
      return c.json(errorBody("NOT_FOUND", "Media not found"), 404);
    }
  });
  return routes;
}
