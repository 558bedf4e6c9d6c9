import type { conversation, message, messageSearchHit } from "@crm/contracts";
import type { DomainEvent } from "@crm/domain";
import { sql } from "kysely";
import { expect, vi } from "vitest";
import type { z } from "zod";
import type { TestApi } from "../../testing/harness";

export type ConversationDto = z.output<typeof conversation>;
export type MessageDto = z.output<typeof message>;
export type SearchHitDto = z.output<typeof messageSearchHit>;
export interface PageDto<T> {
  items: T[];
  nextCursor: string | null;
}
export interface ErrorDto {
  message: string;
  code: string;
  data: { appCode: string | null; fieldErrors: Record<string, string[]> | null };
}

type Channel = "whatsapp" | "telegram" | "slack" | "discord";

const db = (api: TestApi) => api.container.db.db;

export async function organizationOf(api: TestApi, token: string): Promise<string> {
  const res = await api.rest<{ id: string }>("GET", "/organizations/current", { token });
  expect(res.status).toBe(200);
  return res.body.id;
}

export async function insertContact(
  api: TestApi,
  organizationId: string,
  contact: { name?: string; phone?: string | null; email?: string | null } = {},
): Promise<string> {
  const row = await db(api)
    .insertInto("contacts")
    .values({
      organization_id: organizationId,
      name: contact.name ?? "Maria Souza",
      phone: contact.phone ?? null,
      email: contact.email ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An integration row as the inbox reads it (its credentials are the integrations context's business). */
export async function insertIntegration(
  api: TestApi,
  organizationId: string,
  channel: Channel = "whatsapp",
  isActive = true,
): Promise<string> {
  const row = await db(api)
    .insertInto("integrations")
    .values({
      organization_id: organizationId,
      channel,
      name: `${channel} line`,
      config: JSON.stringify({}),
      is_active: isActive,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ConversationSeed {
  channel?: Channel;
  contactId?: string;
  integrationId?: string | null;
  threadId?: string;
  assignedTo?: string | null;
  status?: "open" | "pending" | "closed";
  unreadCount?: number;
  /** minutes ago; null for none */
  lastMessageMinutesAgo?: number | null;
  lastInboundMinutesAgo?: number | null;
  preview?: string | null;
}

const minutesAgo = (minutes: number | null | undefined) =>
  minutes === null || minutes === undefined ? null : sql<Date>`now() - make_interval(mins => ${minutes})`;

/** A conversation as ingestion would have left it. */
export async function insertConversation(
  api: TestApi,
  organizationId: string,
  seed: ConversationSeed = {},
): Promise<string> {
  const channel = seed.channel ?? "whatsapp";
  const contactId = seed.contactId ?? (await insertContact(api, organizationId));
  const integrationId =
    seed.integrationId === undefined
      ? await insertIntegration(api, organizationId, channel)
      : seed.integrationId;
  const lastMessage = seed.lastMessageMinutesAgo === undefined ? 5 : seed.lastMessageMinutesAgo;
  const row = await db(api)
    .insertInto("conversations")
    .values({
      organization_id: organizationId,
      contact_id: contactId,
      channel,
      channel_thread_id: seed.threadId ?? `thread-${Math.random().toString(36).slice(2)}`,
      integration_id: integrationId,
      assigned_to: seed.assignedTo ?? null,
      status: seed.status ?? "open",
      unread_count: seed.unreadCount ?? 0,
      last_message_at: minutesAgo(lastMessage),
      last_inbound_at: minutesAgo(
        seed.lastInboundMinutesAgo === undefined ? lastMessage : seed.lastInboundMinutesAgo,
      ),
      last_message_preview: seed.preview ?? (lastMessage === null ? null : "Olá"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A message as ingestion (inbound) or an agent (outbound) would have left it. */
export async function insertMessage(
  api: TestApi,
  conversationId: string,
  message: {
    content: string;
    direction?: "inbound" | "outbound";
    isPrivate?: boolean;
    minutesAgo?: number;
    daysAgo?: number;
    mediaUrl?: string;
  },
): Promise<string> {
  const conversationRow = await db(api)
    .selectFrom("conversations")
    .select(["organization_id", "channel"])
    .where("id", "=", conversationId)
    .executeTakeFirstOrThrow();
  const direction = message.direction ?? "inbound";
  const age = message.daysAgo === undefined ? (message.minutesAgo ?? 1) : message.daysAgo * 24 * 60;
  const row = await db(api)
    .insertInto("messages")
    .values({
      organization_id: conversationRow.organization_id,
      conversation_id: conversationId,
      channel: conversationRow.channel,
      direction,
      sender_type: direction === "inbound" ? "contact" : "agent",
      content: message.content,
      is_private: message.isPrivate ?? false,
      status: direction === "outbound" && !message.isPrivate ? "sent" : null,
      media_url: message.mediaUrl ?? null,
      media_status: message.mediaUrl ? "stored" : null,
      sent_at: sql<Date>`now() - make_interval(mins => ${age})`,
      metadata: JSON.stringify({ raw: message.content }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Collects one organization's events of the given types. */
export function recordEvents(api: TestApi, organizationId: string, types: string[]) {
  const events: DomainEvent[] = [];
  const stop = api.container.events.subscribe((event) => {
    if (types.includes(event.type) && event.organizationId === organizationId) events.push(event);
  });
  return {
    events,
    stop,
    async expectEvent(type: string, payload: Record<string, unknown>) {
      await vi.waitFor(() => {
        expect(events.filter((e) => e.type === type).map((e) => e.payload)).toContainEqual(
          expect.objectContaining(payload),
        );
      });
    },
  };
}

/** An organization with one member of each role (and a second agent). */
export async function team(api: TestApi) {
  const owner = await api.register();
  const organizationId = owner.organization.id;
  const admin = await api.member(owner.token, "admin");
  const agent = await api.member(owner.token, "agent");
  const otherAgent = await api.member(owner.token, "agent");
  const viewer = await api.member(owner.token, "viewer");
  return { owner, organizationId, admin, agent, otherAgent, viewer };
}
