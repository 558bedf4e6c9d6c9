import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Container } from "../../container";
import type { TestApi } from "../../testing/harness";
import type { ReceivedEvent } from "./realtime-client";

/** A conversation row straight in the database: these tests are about delivery, not about the inbox. */
export async function insertConversation(
  container: Container,
  organizationId: string,
  assignedTo: string | null,
): Promise<string> {
  const row = await container.db.db
    .insertInto("conversations")
    .values({
      organization_id: organizationId,
      channel: "whatsapp",
      channel_thread_id: `thread-${randomUUID()}`,
      assigned_to: assignedTo,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMessage(
  container: Container,
  organizationId: string,
  conversationId: string,
  message: {
    direction: "inbound" | "outbound";
    content?: string;
    isPrivate?: boolean;
    senderId?: string | null;
  },
): Promise<string> {
  const row = await container.db.db
    .insertInto("messages")
    .values({
      organization_id: organizationId,
      conversation_id: conversationId,
      channel: "whatsapp",
      direction: message.direction,
      sender_type: message.direction === "inbound" ? "contact" : "agent",
      sender_id: message.senderId ?? null,
      content: message.content ?? "hello",
      is_private: message.isPrivate ?? false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What the inbox publishes after a committed change: the realtime layer only relays it. */
export async function publish(container: Container, organizationId: string, type: string, payload: unknown) {
  await container.events.publish({ type, organizationId, payload, occurredAt: new Date().toISOString() });
}

/** Creates a contact over REST as the token's user, answering its id. */
export async function createContact(api: TestApi, token: string, name: string): Promise<string> {
  const created = await api.rest<{ id: string }>("POST", "/contacts", { token, body: { name } });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** The contact a received `contact_updated` is about. */
export const contactIdOf = (e: ReceivedEvent) =>
  e.event.type === "contact_updated" ? e.event.payload.contactId : undefined;
