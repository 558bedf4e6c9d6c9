import { type NewWebhookLog, pageSize, type WebhookLogRepository } from "@crm/domain";
import { isUuid } from "@crm/domain/shared/ids";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { jsonbText } from "../shared/jsonb-text";
import { toWebhookLog, webhookLogColumns } from "./rows";

/** Intake and the integration's log view; processing them belongs to the conversations' ingestion. */
export function createWebhookLogRepository(db: Kysely<Database>): WebhookLogRepository {
  return {
    async insert(log) {
      const row = await db
        .insertInto("webhook_logs")
        .values(logValues(log))
        // a redelivered event (same provider event id) is already stored
        .onConflict((oc) => oc.constraint("webhook_logs_event_unique").doNothing())
        .returning("id")
        .executeTakeFirst();
      return row;
    },

    async insertIfCurrent(log, expected) {
      // one round trip: the check and the insert in one statement; the CTE tells a stale integration
      // (no current row) from a redelivered event (a current row, nothing inserted)
      const values = logValues(log);
      const columns = Object.keys(values) as Array<keyof typeof values>;
      const { rows } = await sql<{ current: boolean; id: string | null }>`
        with current as (
          select 1 from integrations
          where id = ${log.integrationId} and organization_id = ${log.organizationId} and is_active
            and config = ${JSON.stringify(expected.sealedConfig)}::jsonb
            and external_id is not distinct from ${expected.externalId}
        ), inserted as (
          insert into webhook_logs (${sql.join(columns.map((column) => sql.ref(column)))})
          select ${sql.join(columns.map((column) => values[column]))} from current
          on conflict on constraint webhook_logs_event_unique do nothing
          returning id
        )
        select exists (select 1 from current) as current, (select id from inserted) as id`.execute(db);
      const row = rows[0];
      if (!row?.current) return "stale";
      return row.id === null ? undefined : { id: row.id };
    },

    async insertHeld(log) {
      // FOR SHARE waits for a switch-on in progress: either it commits first and this row is pending, or
      // this row commits first and the switch-on's release (a later statement) sees it held
      const status = sql<"held" | "pending">`case when (
          select is_active from integrations
          where id = ${log.integrationId} and organization_id = ${log.organizationId}
          for share
        ) then 'pending' else 'held' end`;
      const row = await db
        .insertInto("webhook_logs")
        .values({ ...logValues(log), status })
        .onConflict((oc) => oc.constraint("webhook_logs_event_unique").doNothing())
        .returning(["id", "status"])
        .executeTakeFirst();
      return row && { id: row.id, status: row.status === "pending" ? "pending" : "held" };
    },

    async releaseHeld(organizationId, integrationId) {
      if (!isUuid(integrationId)) return [];
      const rows = await db
        .updateTable("webhook_logs")
        .set({ status: "pending" })
        .where("organization_id", "=", organizationId)
        .where("integration_id", "=", integrationId)
        .where("status", "=", "held")
        .returning(["id", "created_at"])
        .execute();
      // ids are time-ordered (0026): arrival order, below the millisecond
      return rows
        .toSorted((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1))
        .map((row) => row.id);
    },

    async findById(organizationId, id) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .selectFrom("webhook_logs")
        .select(webhookLogColumns)
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toWebhookLog(row) : undefined;
    },

    async list(organizationId, integrationId, filter, page) {
      const limit = pageSize(page.limit);
      // one integration's logs of one status: a cursor of another integration's or status' is refused
      const list = filteredList(`webhookLogs.${integrationId}`, { status: filter.status });
      const cursor = decodeCursor(page.cursor, list);
      let query = db
        .selectFrom("webhook_logs")
        .select(webhookLogColumns)
        .where("organization_id", "=", organizationId)
        .where("integration_id", "=", integrationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (filter.status) query = query.where("status", "=", filter.status);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toWebhookLog, list);
    },

    async markRetrying(organizationId, id) {
      if (!isUuid(id)) return undefined;
      // processed_at back to null: the sweeper re-queues it if this job is lost too
      const row = await db
        .updateTable("webhook_logs")
        .set({ status: "retrying", processed_at: null })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(webhookLogColumns)
        .executeTakeFirst();
      return row ? toWebhookLog(row) : undefined;
    },
  };
}

function logValues(log: NewWebhookLog) {
  return {
    organization_id: log.organizationId,
    integration_id: log.integrationId,
    channel: log.channel,
    source: log.source,
    event_id: log.eventId,
    payload: log.payload === null || log.payload === undefined ? null : jsonbText(log.payload),
    raw_body: log.rawBody,
    status: log.status,
    error_message: log.errorMessage,
    ...(log.status === "failed" && { processed_at: new Date() }),
  };
}
