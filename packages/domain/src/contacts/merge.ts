import type { Actor } from "../auth/model";
import { notFound, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { publishDealContactChanges, recordDealContactChanges } from "./deal-links";
import { auditActor, publishContactChanges } from "./events";
import type { Contact, ContactPatch } from "./model";
import type { ContactsDeps } from "./ports";

/**
 * What the survivor of a merge becomes: its own values win; an empty email, phone or company is filled from
 * the source; custom field values are united, the survivor's winning on a shared key.
 */
export function mergeContactFields(
  survivor: Pick<Contact, "email" | "phone" | "company" | "metadata">,
  source: Pick<Contact, "email" | "phone" | "company" | "metadata">,
): { patch: ContactPatch; filled: Array<"email" | "phone" | "companyId"> } {
  const patch: ContactPatch = { metadata: { ...source.metadata, ...survivor.metadata } };
  const filled: Array<"email" | "phone" | "companyId"> = [];
  if (survivor.email === null && source.email !== null) {
    patch.email = source.email;
    filled.push("email");
  }
  if (survivor.phone === null && source.phone !== null) {
    patch.phone = source.phone;
    filled.push("phone");
  }
  if (survivor.company === null && source.company !== null) {
    patch.companyId = source.company.id;
    filled.push("companyId");
  }
  return { patch, filled };
}

/**
 * Merges `sourceId` into `survivorId` in one transaction: the source's conversations, deals, tags and channel
 * identities move to the survivor (so the person's next message finds it), its values fill the survivor's
 * gaps, it is deleted, an audit row records the merge (with the source's data, kept until the survivor goes too)
 * and each moved deal gets a `contact_changed` activity.
 * After commit: `contact_updated` for both contacts and `deal_updated` for each moved deal.
 */
export async function mergeContacts(
  deps: ContactsDeps,
  actor: Actor,
  survivorInput: string,
  sourceInput: string,
): Promise<Contact> {
  const survivorId = parseId(survivorInput);
  const sourceId = parseId(sourceInput, "sourceId");
  if (survivorId === sourceId) throw validationFailed("sourceId", "A contact cannot be merged into itself");
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const { merged, movedDeals } = await deps.store.transaction(async (repos) => {
    // lock in id order, so two opposite merges cannot deadlock
    const locked = new Map<string, Contact | undefined>();
    for (const id of [survivorId, sourceId].sort())
      locked.set(id, await repos.contacts.lockById(organizationId, id));
    const survivor = locked.get(survivorId);
    const source = locked.get(sourceId);
    if (!survivor) throw notFound("Contact");
    if (!source) throw notFound("Source contact");

    const { patch, filled } = mergeContactFields(survivor, source);
    const moved = await repos.contacts.moveRelations(organizationId, sourceId, survivorId);
    // the source goes first: its email and phone are unique and may pass to the survivor. Its conversations
    // moved above, so none goes with it and no media file is erased
    await repos.contacts.remove(organizationId, sourceId, survivorId);
    await repos.auditLogs.forgetMergedContacts(organizationId, sourceId);
    const updated = await repos.contacts.update(organizationId, survivorId, patch);
    if (!updated) throw notFound("Contact");
    await recordDealContactChanges(
      repos,
      actor,
      moved.deals,
      { fromContactId: sourceId, toContactId: survivorId, reason: "contact_merged" },
      now,
    );
    await repos.auditLogs.record({
      organizationId,
      ...auditActor(actor),
      action: "contact.merged",
      entityType: "contact",
      entityId: survivorId,
      data: {
        sourceId,
        source: {
          name: source.name,
          email: source.email,
          phone: source.phone,
          companyId: source.company?.id ?? null,
          metadata: source.metadata,
          tagIds: source.tags.map((tag) => tag.id),
        },
        moved: {
          conversations: moved.conversations,
          deals: moved.deals.length,
          tags: moved.tags,
          identities: moved.identities,
        },
        filled,
      },
    });
    return { merged: updated, movedDeals: moved.deals };
  });
  await publishContactChanges(deps, organizationId, [
    { contactId: survivorId, change: "merged", mergedFromId: sourceId },
    { contactId: sourceId, change: "deleted" },
  ]);
  await publishDealContactChanges(deps, organizationId, movedDeals, now);
  return merged;
}
