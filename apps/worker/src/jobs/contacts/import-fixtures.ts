import { randomUUID } from "node:crypto";
import type { Database } from "@crm/db/database.gen";
import type { ContactsDeps } from "@crm/domain";
import type { Kysely } from "kysely";

/* For the contacts-import job tests: CSVs, an organization to import into, and a worker that dies midway. */

/** A CSV of `count` people, their phones numbered from +55119`firstNumber` up. */
export const contactsCsv = (count: number, firstNumber: number) =>
  [
    "name,phone",
    ...Array.from({ length: count }, (_, n) => `Person ${n},+55119${String(firstNumber + n)}`),
  ].join("\n");

/** A new organization, and how many contacts or import rows it has. */
export async function importOrganization(db: Kysely<Database>, slugPrefix: string) {
  const organization = await db
    .insertInto("organizations")
    .values({ name: "Import Co", slug: `${slugPrefix}-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const count = async (table: "contacts" | "contact_import_rows") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("organization_id", "=", organization.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { organizationId: organization.id, count };
}

/** Deps whose second transaction throws, as if the worker died after the first batch committed. */
export function dyingAfterFirstBatch(deps: ContactsDeps): ContactsDeps {
  let transactions = 0;
  return {
    ...deps,
    store: {
      ...deps.store,
      transaction: (work) => {
        transactions += 1;
        if (transactions === 2) throw new Error("worker killed");
        return deps.store.transaction(work);
      },
    },
  };
}
