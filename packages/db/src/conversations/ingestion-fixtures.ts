import { randomUUID } from "node:crypto";
import type {
  Channel,
  ChannelAdapter,
  ChannelAdapters,
  InboundMessage,
  ParsedWebhook,
  StatusUpdate,
} from "@crm/domain";
import type { IngestionDeps } from "@crm/domain/conversations/ingestion-ports";
import type { DomainEvent } from "@crm/domain/shared/events";
import type { EnqueueOptions, JobPayloads, QueueName } from "@crm/domain/shared/jobs";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { createIngestionStore } from "./ingestion-store";

/*
 * Test doubles for the inbound pipeline at the database level: a channel adapter whose payload IS the parsed
 * webhook (dates as ISO strings, as JSON would carry them), and recording queue and event bus.
 */

export interface TestPayload {
  messages?: Array<Omit<InboundMessage, "sentAt"> & { sentAt: string }>;
  statuses?: Array<Omit<StatusUpdate, "at"> & { at: string }>;
}

type Download = ChannelAdapter["downloadMedia"];

export function createTestAdapters(options: { download?: Download } = {}): ChannelAdapters {
  const parse = (payload: unknown): ParsedWebhook => {
    const body = payload as TestPayload;
    if (typeof body !== "object" || body === null || !("messages" in body || "statuses" in body)) {
      throw new Error("not a test payload");
    }
    return {
      messages: (body.messages ?? []).map((m) => ({ ...m, sentAt: new Date(m.sentAt) })),
      statuses: (body.statuses ?? []).map((s) => ({ ...s, at: new Date(s.at) })),
    };
  };
  const adapter = (channel: Channel): ChannelAdapter => ({
    channel,
    verify: () => true,
    parse,
    send: async () => ({ ok: false, error: "not in tests", retryable: false }),
    whoAmI: async () => ({ ok: false, error: "not in tests" }),
    downloadMedia:
      options.download ?? (async () => ({ ok: false, error: "no media in this test", retryable: false })),
  });
  const adapters = new Map<Channel, ChannelAdapter>();
  return {
    get<C extends Channel>(channel: C) {
      const existing = adapters.get(channel) ?? adapter(channel);
      adapters.set(channel, existing);
      return existing as unknown as ChannelAdapter<C>;
    },
  };
}

export function createRecordingQueue() {
  const jobs: Array<{ queue: QueueName; payload: unknown; options: EnqueueOptions | undefined }> = [];
  return {
    jobs,
    async enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], options?: EnqueueOptions) {
      jobs.push({ queue, payload, options });
    },
  };
}

export function createRecordingEvents() {
  const published: DomainEvent[] = [];
  return {
    published,
    async publish(event: DomainEvent) {
      published.push(event);
    },
    subscribe: () => () => {},
    async close() {},
  };
}

export function createTestIngestionDeps(db: Kysely<Database>, overrides: Partial<IngestionDeps> = {}) {
  const queue = createRecordingQueue();
  const events = createRecordingEvents();
  const deps: IngestionDeps = {
    store: createIngestionStore(db),
    adapters: createTestAdapters(),
    credentials: { get: async () => undefined },
    storage: {
      put: async () => {
        throw new Error("no storage in this test");
      },
      get: async () => undefined,
      remove: async () => {},
      keys: async function* () {},
      removeAbandonedWrites: async () => 0,
    },
    queue,
    events,
    clock: { now: () => new Date() },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    ...overrides,
  };
  return { deps, queue, events };
}

export async function createOrganization(db: Kysely<Database>): Promise<string> {
  const row = await db
    .insertInto("organizations")
    .values({ name: "Ingestion", slug: `ingestion-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createIntegration(
  db: Kysely<Database>,
  organizationId: string,
  channel: Channel = "whatsapp",
): Promise<string> {
  const row = await db
    .insertInto("integrations")
    .values({ organization_id: organizationId, channel, config: JSON.stringify({}) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores a webhook as the intake does (pending), answering its id. */
export async function storeWebhook(
  db: Kysely<Database>,
  log: {
    organizationId: string;
    integrationId: string;
    channel?: Channel;
    payload: TestPayload | null;
    createdAt?: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto("webhook_logs")
    .values({
      organization_id: log.organizationId,
      integration_id: log.integrationId,
      channel: log.channel ?? "whatsapp",
      payload: log.payload === null ? null : JSON.stringify(log.payload),
      ...(log.createdAt && { created_at: log.createdAt }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

let sequence = 0;

/** A text message from a WhatsApp number (wa_id without "+"), one second after the previous one by default. */
export function whatsappText(
  waId: string,
  text: string,
  overrides: Partial<Omit<InboundMessage, "sentAt">> & { sentAt?: string } = {},
): NonNullable<TestPayload["messages"]>[number] {
  sequence += 1;
  return {
    channelMessageId: `wamid.${randomUUID()}`,
    threadId: waId,
    sender: { channelUserId: waId, name: `Cliente ${waId.slice(-4)}`, phone: `+${waId}` },
    sentAt: new Date(Date.UTC(2030, 0, 1, 12, 0, sequence)).toISOString(),
    contentType: "text",
    text,
    ...overrides,
  };
}
