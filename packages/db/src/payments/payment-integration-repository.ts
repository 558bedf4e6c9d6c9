import { type PaymentIntegrationRepository, paymentProviders } from "@crm/domain";
import { isUuid } from "@crm/domain/shared/ids";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { paymentIntegrationColumns, toPaymentIntegration } from "./rows";

/** The payment providers' rows of the integrations table (the integrations context writes them). */
export function createPaymentIntegrationRepository(db: Kysely<Database>): PaymentIntegrationRepository {
  const select = () =>
    db.selectFrom("integrations").select(paymentIntegrationColumns).where("channel", "in", paymentProviders);
  return {
    async findById(organizationId, id) {
      if (!isUuid(id)) return undefined;
      const row = await select()
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toPaymentIntegration(row) : undefined;
    },
    async findByIdAnyOrganization(id) {
      if (!isUuid(id)) return undefined;
      const row = await select().where("id", "=", id).executeTakeFirst();
      return row ? toPaymentIntegration(row) : undefined;
    },
    async listActive(organizationId) {
      const rows = await select()
        .where("organization_id", "=", organizationId)
        .where("is_active", "=", true)
        .orderBy("created_at", "asc")
        .orderBy("id", "asc")
        .execute();
      return rows.map(toPaymentIntegration);
    },
  };
}
