import { type ContactPatch, type ContactRepository, duplicateContact } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { recordDeletions } from "../deletions/tombstones";
import { uniqueViolationConstraint } from "../errors";
import { contactDuplicates } from "./contact-duplicates";
import { contactLinks } from "./contact-links";
import { listContacts } from "./contact-list";
import { selectContacts, tagsJson } from "./contact-queries";
import { chunks } from "./named-rows";
import { contactColumns, storedContactColumns, toContact } from "./rows";

const duplicateField = (constraint: string | undefined) =>
  constraint === "idx_contacts_org_phone_unique"
    ? "phone"
    : constraint === "idx_contacts_org_email_unique"
      ? "email"
      : undefined;

export function createContactRepository(db: Kysely<Database>): ContactRepository {
  const findRow = (organizationId: string, id: string) =>
    selectContacts(db, organizationId).where("c.id", "=", id).executeTakeFirst();

  const findById: ContactRepository["findById"] = async (organizationId, id) => {
    const row = await findRow(organizationId, id);
    return row ? toContact(row) : undefined;
  };

  const findByIdentities: ContactRepository["findByIdentities"] = async (
    organizationId,
    identities,
    exceptId,
  ) => {
    const { phones, emails, ids = [] } = identities;
    if (phones.length === 0 && emails.length === 0 && ids.length === 0) return [];
    let query = db
      .selectFrom("contacts")
      .select(["id", "phone", "email"])
      .where("organization_id", "=", organizationId)
      .where((eb) =>
        eb.or([
          ...(phones.length > 0 ? [eb("phone", "in", phones)] : []),
          ...(emails.length > 0 ? [eb("email", "in", emails)] : []),
          ...(ids.length > 0 ? [eb("id", "in", ids)] : []),
        ]),
      );
    if (exceptId) query = query.where("id", "!=", exceptId);
    return query.execute();
  };

  const companyName = async (companyId: string | null) =>
    companyId === null
      ? null
      : ((await db.selectFrom("companies").select("name").where("id", "=", companyId).executeTakeFirst())
          ?.name ?? null);

  return {
    async create(organizationId, draft) {
      // DO NOTHING instead of an error keeps the transaction usable to name the contact we collided with
      const row = await db
        .insertInto("contacts")
        .values({
          organization_id: organizationId,
          name: draft.name,
          email: draft.email,
          phone: draft.phone,
          company_id: draft.companyId,
          metadata: JSON.stringify(draft.metadata),
        })
        .onConflict((oc) => oc.doNothing())
        .returning(contactColumns("contacts"))
        .executeTakeFirst();
      if (!row) {
        const [existing] = await findByIdentities(organizationId, {
          phones: draft.phone ? [draft.phone] : [],
          emails: draft.email ? [draft.email] : [],
        });
        throw duplicateContact(existing && existing.phone === draft.phone ? "phone" : "email", existing?.id);
      }
      // a contact just inserted has no tags yet
      return toContact({ ...row, company_name: await companyName(row.company_id), tags: [] });
    },

    async createMany(organizationId, drafts) {
      const created: string[] = [];
      for (const chunk of chunks(drafts)) {
        const rows = await db
          .insertInto("contacts")
          .values(
            chunk.map((draft) => ({
              id: draft.id,
              organization_id: organizationId,
              name: draft.name,
              email: draft.email,
              phone: draft.phone,
              company_id: draft.companyId,
              metadata: JSON.stringify(draft.metadata),
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .returning("id")
          .execute();
        created.push(...rows.map((row) => row.id));
      }
      return created;
    },

    findById,

    async lockById(organizationId, id) {
      const locked = await db
        .selectFrom("contacts")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      return locked ? findById(organizationId, id) : undefined;
    },

    findByIdentities,

    async update(organizationId, id, patch: ContactPatch) {
      try {
        // the updated row read back with its company and tags in the same statement
        const row = await db
          .with("c", (qb) =>
            qb
              .updateTable("contacts")
              .set({
                ...(patch.name !== undefined && { name: patch.name }),
                ...(patch.email !== undefined && { email: patch.email }),
                ...(patch.phone !== undefined && { phone: patch.phone }),
                ...(patch.companyId !== undefined && { company_id: patch.companyId }),
                ...(patch.metadata !== undefined && { metadata: JSON.stringify(patch.metadata) }),
                updated_at: new Date(),
              })
              .where("organization_id", "=", organizationId)
              .where("id", "=", id)
              .returning(storedContactColumns),
          )
          .selectFrom("c")
          .leftJoin("companies as co", "co.id", "c.company_id")
          .select((eb) => [
            ...contactColumns("c"),
            "co.name as company_name",
            tagsJson(db, organizationId, eb.ref("c.id")).as("tags"),
          ])
          .executeTakeFirst();
        return row ? toContact(row) : undefined;
      } catch (error) {
        const field = duplicateField(uniqueViolationConstraint(error));
        if (field) throw duplicateContact(field);
        throw error;
      }
    },

    async remove(organizationId, id, mergedIntoId) {
      // read before the delete: the messages go with their conversations (on delete cascade)
      const media = await db
        .selectFrom("messages")
        .innerJoin("conversations", "conversations.id", "messages.conversation_id")
        .select("messages.media_url")
        .where("conversations.organization_id", "=", organizationId)
        .where("conversations.contact_id", "=", id)
        .where("messages.organization_id", "=", organizationId)
        .where("messages.media_url", "is not", null)
        .execute();
      // its conversations would go anyway (on delete cascade): deleted here so that they leave tombstones too
      const conversations = await db
        .deleteFrom("conversations")
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", id)
        .returning("id")
        .execute();
      const removed = await db
        .deleteFrom("contacts")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning("id")
        .execute();
      await recordDeletions(
        db,
        organizationId,
        "conversation",
        conversations.map((row) => row.id),
      );
      await recordDeletions(
        db,
        organizationId,
        "contact",
        removed.map((row) => row.id),
        mergedIntoId ?? null,
      );
      if (removed.length === 0) return undefined;
      return { mediaUrls: media.flatMap((row) => (row.media_url ? [row.media_url] : [])) };
    },

    list: (organizationId, filter, page) => listContacts(db, organizationId, filter, page),

    async addTags(organizationId, contactId, tagIds) {
      if (tagIds.length === 0) return;
      await db
        .insertInto("contact_tags")
        .values(
          tagIds.map((tagId) => ({ contact_id: contactId, tag_id: tagId, organization_id: organizationId })),
        )
        .onConflict((oc) => oc.columns(["contact_id", "tag_id"]).doNothing())
        .execute();
    },

    async addTagLinks(organizationId, links) {
      for (const chunk of chunks(links)) {
        await db
          .insertInto("contact_tags")
          .values(
            chunk.map((link) => ({
              contact_id: link.contactId,
              tag_id: link.tagId,
              organization_id: organizationId,
            })),
          )
          .onConflict((oc) => oc.columns(["contact_id", "tag_id"]).doNothing())
          .execute();
      }
    },

    async removeTag(organizationId, contactId, tagId) {
      const result = await db
        .deleteFrom("contact_tags")
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", contactId)
        .where("tag_id", "=", tagId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    ...contactLinks(db),
    ...contactDuplicates(db),

    async removeMetadataKey(organizationId, key) {
      const rows = await db
        .updateTable("contacts")
        .set({ metadata: sql`metadata - ${key}::text`, updated_at: new Date() })
        .where("organization_id", "=", organizationId)
        .where(sql<boolean>`metadata ? ${key}`)
        .returning("id")
        .execute();
      return rows.map((row) => row.id);
    },

    async countWithMetadataKey(organizationId, key) {
      const row = await db
        .selectFrom("contacts")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("organization_id", "=", organizationId)
        .where(sql<boolean>`metadata ? ${key}`)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
