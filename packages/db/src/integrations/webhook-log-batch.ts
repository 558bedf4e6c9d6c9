import type { CurrentIntegration, NewWebhookLog, WebhookLogRepository } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { type BatcherOptions, createBatcher } from "../shared/batcher";
import { jsonbText } from "../shared/jsonb-text";
import { createWebhookLogRepository } from "./webhook-log-repository";

export interface CurrentLog {
  log: NewWebhookLog;
  expected: CurrentIntegration;
}

export type InsertIfCurrentResult = { id: string } | undefined | "stale";

/**
 * `insertIfCurrent` for many logs in ONE statement (all stored or none): each row only while its
 * integration is still active with the expected credentials ("stale" otherwise), and a row whose event
 * is already stored, or repeated earlier in the same batch, is skipped (undefined). Results in input order.
 */
export async function insertIfCurrentBatch(
  db: Kysely<Database>,
  entries: CurrentLog[],
): Promise<InsertIfCurrentResult[]> {
  if (entries.length === 0) return [];
  const input = entries.map(({ log, expected }, ord) => ({
    ord,
    organization_id: log.organizationId,
    integration_id: log.integrationId,
    channel: log.channel,
    source: log.source,
    event_id: log.eventId,
    payload: log.payload ?? null,
    raw_body: log.rawBody,
    status: log.status,
    error_message: log.errorMessage,
    processed_at: log.status === "failed" ? new Date() : null,
    config: expected.sealedConfig,
    external_id: expected.externalId,
  }));
  // ids are drawn in the (materialized) `live` CTE so that each inserted row maps back to its input row;
  // time-ordered and drawn after its ORDER BY (Postgres evaluates volatile output columns after sorting),
  // they keep the batch's arrival order, which its rows' shared created_at cannot
  const { rows } = await sql<{ ord: number; live: boolean; id: string | null }>`
    with input as (
      select * from jsonb_to_recordset(${jsonbText(input)}::jsonb) as x(
        ord int, organization_id uuid, integration_id uuid, channel text, source text, event_id text,
        payload jsonb, raw_body text, status text, error_message text, processed_at timestamptz,
        config jsonb, external_id text)
    ), live as materialized (
      select input.*, time_ordered_uuid() as id from input
      where exists (
        select 1 from integrations i
        where i.id = input.integration_id and i.organization_id = input.organization_id and i.is_active
          and i.config = input.config and i.external_id is not distinct from input.external_id)
      order by ord
    ), inserted as (
      insert into webhook_logs (id, organization_id, integration_id, channel, source, event_id, payload,
        raw_body, status, error_message, processed_at)
      select id, organization_id, integration_id, channel, source, event_id, payload,
        raw_body, status, error_message, processed_at
      from live order by ord
      on conflict on constraint webhook_logs_event_unique do nothing
      returning id
    )
    select input.ord, live.ord is not null as live, inserted.id
    from input left join live on live.ord = input.ord left join inserted on inserted.id = live.id
    order by input.ord`.execute(db);
  const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));
  return entries.map((_, ord) => {
    const row = byOrd.get(ord);
    if (!row?.live) return "stale";
    return row.id === null ? undefined : { id: row.id };
  });
}

export interface BatchedWebhookLogRepository extends WebhookLogRepository {
  /** Stores what is waiting and waits for every batch sent so far (before the database is closed). */
  flush(): Promise<void>;
}

/**
 * The webhook log repository with `insertIfCurrent` group-committed: concurrent webhooks (a burst from
 * a provider) share one INSERT round trip. Each caller still resolves only once its own row is stored,
 * so "stored -> queued -> 200" holds; a failed statement fails every caller of that batch (they answer
 * 5xx and the provider redelivers).
 */
export function createBatchedWebhookLogRepository(
  db: Kysely<Database>,
  options: BatcherOptions = {},
): BatchedWebhookLogRepository {
  const batcher = createBatcher((entries: CurrentLog[]) => insertIfCurrentBatch(db, entries), options);
  return {
    ...createWebhookLogRepository(db),
    insertIfCurrent: (log, expected) => batcher.add({ log, expected }),
    flush: () => batcher.flush(),
  };
}
