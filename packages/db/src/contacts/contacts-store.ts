import type { ContactsRepos, ContactsTransactionRepos, Transactional } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { createDealActivityRepository } from "../deals/deal-activity-repository";
import { transactionWithRetry } from "../shared/transaction-retry";
import { createAuditLogRepository } from "./audit-log-repository";
import { createCompanyRepository } from "./company-repository";
import { createContactRepository } from "./contact-repository";
import { createCustomFieldRepository } from "./custom-field-repository";
import { createContactImportRepository } from "./import-repository";
import { createTagRepository } from "./tag-repository";

const contactsRepos = (db: Kysely<Database>): ContactsRepos => ({
  contacts: createContactRepository(db),
  companies: createCompanyRepository(db),
  tags: createTagRepository(db),
  customFields: createCustomFieldRepository(db),
  imports: createContactImportRepository(db),
  auditLogs: createAuditLogRepository(db),
  dealActivities: createDealActivityRepository(db),
});

/** Savepoints of one transaction; their names only need to be unique while nested. */
function savepoints(trx: Kysely<Database>): ContactsTransactionRepos["savepoint"] {
  let depth = 0;
  return async (work) => {
    depth += 1;
    const name = sql.id(`sp_${depth}`);
    await sql`savepoint ${name}`.execute(trx);
    try {
      const result = await work();
      await sql`release savepoint ${name}`.execute(trx);
      return result;
    } catch (error) {
      await sql`rollback to savepoint ${name}`.execute(trx);
      throw error;
    } finally {
      depth -= 1;
    }
  };
}

export function createContactsStore(
  db: Kysely<Database>,
): Transactional<ContactsTransactionRepos> & ContactsRepos {
  return {
    ...contactsRepos(db),
    transaction: (work) =>
      transactionWithRetry(db, (trx) => work({ ...contactsRepos(trx), savepoint: savepoints(trx) })),
  };
}
