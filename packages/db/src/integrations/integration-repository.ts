import { channels, type IntegrationRepository, integrationKinds, pageSize } from "@crm/domain";
import { isUuid } from "@crm/domain/shared/ids";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { transactionWithRetry } from "../shared/transaction-retry";
import { integrationColumns, toStoredChannelIntegration, toStoredIntegration } from "./rows";

/**
 * Trello rows share the table and are never seen here. The tenant's own reads and writes see the messaging
 * channels and the payment providers; webhook routing and the Discord gateway see the messaging channels only.
 */
export function createIntegrationRepository(db: Kysely<Database>): IntegrationRepository {
  const known = () =>
    db.selectFrom("integrations").select(integrationColumns).where("channel", "in", integrationKinds);
  const messaging = () =>
    db.selectFrom("integrations").select(integrationColumns).where("channel", "in", channels);

  return {
    async create(organizationId, input) {
      const row = await db
        .insertInto("integrations")
        .values({
          organization_id: organizationId,
          channel: input.channel,
          name: input.name,
          config: JSON.stringify(input.sealedConfig),
          external_id: input.externalId,
          verify_token_hash: input.verifyTokenHash,
        })
        .returning(integrationColumns)
        .executeTakeFirstOrThrow();
      return toStoredIntegration(row);
    },

    async findById(organizationId, id) {
      if (!isUuid(id)) return undefined;
      const row = await known()
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toStoredIntegration(row) : undefined;
    },

    async list(organizationId, filter, page) {
      const limit = pageSize(page.limit);
      const list = filteredList("integrations", { channel: filter.channel });
      const cursor = decodeCursor(page.cursor, list);
      let query = known()
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (filter.channel) query = query.where("channel", "=", filter.channel);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toStoredIntegration, list);
    },

    async update(organizationId, id, patch) {
      if (!isUuid(id)) return undefined;
      const row = await db
        .updateTable("integrations")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.isActive !== undefined && { is_active: patch.isActive }),
          ...(patch.sealedConfig !== undefined && { config: JSON.stringify(patch.sealedConfig) }),
          ...(patch.externalId !== undefined && { external_id: patch.externalId }),
          ...(patch.verifyTokenHash !== undefined && { verify_token_hash: patch.verifyTokenHash }),
          ...(patch.clearTestResult && { last_tested_at: null, last_test_error: null }),
          updated_at: new Date(),
        })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .where("channel", "in", integrationKinds)
        .returning(integrationColumns)
        .executeTakeFirst();
      return row ? toStoredIntegration(row) : undefined;
    },

    async recordTest(organizationId, id, result) {
      await db
        .updateTable("integrations")
        .set({ last_tested_at: result.at, last_test_error: result.error })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .execute();
    },

    async remove(organizationId, id) {
      if (!isUuid(id)) return "missing";
      const remove = async (trx: Kysely<Database>) => {
        // the worker locks a webhook log, then references the integration (opening a conversation); the
        // delete's "set null" on the logs would go the other way round, so it takes their locks first
        await sql`select count(*) from (
            select 1 from webhook_logs
            where organization_id = ${organizationId} and integration_id = ${id}
            for update
          ) locked`.execute(trx);
        // the row's lock waits for a payment being inserted through it, and holds off the next, so the check
        // below sees every payment that will ever reference it
        const row = await trx
          .selectFrom("integrations")
          .select("id")
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .where("channel", "in", integrationKinds)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return "missing" as const;
        // idx_payments_integration_pending
        const pending = await trx
          .selectFrom("payments")
          .select("id")
          .where("integration_id", "=", id)
          .where("status", "=", "pending")
          .limit(1)
          .executeTakeFirst();
        if (pending) return "payments_pending" as const;
        // what came while it was switched off can no longer be switched on: said, not left waiting
        await trx
          .updateTable("webhook_logs")
          .set({
            status: "failed",
            error_message:
              "Received while the integration was switched off; it was deleted before being switched on",
            processed_at: new Date(),
          })
          .where("organization_id", "=", organizationId)
          .where("integration_id", "=", id)
          .where("status", "=", "held")
          .execute();
        await trx.deleteFrom("integrations").where("id", "=", id).execute();
        return "removed" as const;
      };
      // a log stored and picked up between the two statements can still cross it: run again then
      return db.isTransaction ? remove(db) : transactionWithRetry(db, remove);
    },

    async isExternalIdTaken(channel, externalId, exceptId) {
      let query = db
        .selectFrom("integrations")
        .select("id")
        .where("channel", "=", channel)
        .where("external_id", "=", externalId);
      if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
      return (await query.limit(1).executeTakeFirst()) !== undefined;
    },

    async findByIdAnyOrganization(id) {
      if (!isUuid(id)) return undefined;
      const row = await messaging().where("id", "=", id).executeTakeFirst();
      return row ? toStoredChannelIntegration(row) : undefined;
    },

    async findByExternalId(channel, externalId) {
      const rows = await messaging()
        .where("channel", "=", channel)
        .where("external_id", "=", externalId)
        .orderBy("created_at")
        .execute();
      return rows.map(toStoredChannelIntegration);
    },

    async hasVerifyTokenHash(channel, verifyTokenHash) {
      const row = await db
        .selectFrom("integrations")
        .select("id")
        .where("verify_token_hash", "=", verifyTokenHash)
        .where("channel", "=", channel)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async listActive(channel) {
      const rows = await messaging()
        .where("channel", "=", channel)
        .where("is_active", "=", true)
        .orderBy("created_at")
        .execute();
      return rows.map(toStoredChannelIntegration);
    },
  };
}
