import { type InvitationRepository, pageSize } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, toPage } from "../shared/cursor";
import { invitationColumns, toInvitation } from "./rows";

export function createInvitationRepository(db: Kysely<Database>): InvitationRepository {
  /** Revokes the organization's invitations not yet accepted or revoked; the caller narrows which. */
  const revokePending = (organizationId: string, at: Date) =>
    db
      .updateTable("invitations")
      .set({ revoked_at: at })
      .where("organization_id", "=", organizationId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null);

  const findById: InvitationRepository["findById"] = async (organizationId, id) => {
    const row = await db
      .selectFrom("invitations")
      .select(invitationColumns)
      .where("organization_id", "=", organizationId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toInvitation(row) : undefined;
  };

  return {
    async create(input) {
      const row = await db
        .insertInto("invitations")
        .values({
          organization_id: input.organizationId,
          email: input.email,
          role: input.role,
          token_hash: input.tokenHash,
          invited_by: input.invitedBy,
          expires_at: input.expiresAt,
        })
        .returning(invitationColumns)
        .executeTakeFirstOrThrow();
      return toInvitation(row);
    },

    findById,

    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom("invitations")
        .select(invitationColumns)
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row ? toInvitation(row) : undefined;
    },

    async list(organizationId, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor, "invitations");
      let query = db
        .selectFrom("invitations")
        .select(invitationColumns)
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toInvitation, "invitations");
    },

    async revoke(organizationId, id, at) {
      await revokePending(organizationId, at).where("id", "=", id).execute();
      return findById(organizationId, id);
    },

    async revokePendingForEmail(organizationId, email, at) {
      const rows = await revokePending(organizationId, at)
        .where("email", "=", email)
        .where("expires_at", ">", at)
        .returning("role")
        .execute();
      return rows.map((row) => row.role);
    },

    async revokePendingFromInviter(organizationId, invitedBy, at) {
      await revokePending(organizationId, at).where("invited_by", "=", invitedBy).execute();
    },

    async markAccepted(id, at) {
      const result = await db
        .updateTable("invitations")
        .set({ accepted_at: at })
        .where("id", "=", id)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
