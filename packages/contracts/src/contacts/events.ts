import { z } from "zod";
import { id } from "../shared/common";

/** The realtime `contact_updated` event: published after every committed change of a contact. */
export const contactUpdatedPayload = z.object({
  contactId: id,
  change: z.enum(["created", "updated", "deleted", "merged"]),
  mergedFromId: id.optional().describe("On a merge: the contact merged into this one and deleted"),
});
