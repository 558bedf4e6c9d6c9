import type { Actor } from "../auth/model";
import { removeMediaFiles } from "../conversations/erase-media";
import { conversationScope } from "../conversations/visibility";
import { DomainError, notFound } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { Page, PageRequest } from "../shared/pagination";
import { assertUnchanged, type Precondition } from "../shared/record-version";
import { type ContactFields, parseContactFields } from "./contact-input";
import { applyMetadataPatch } from "./custom-fields";
import { publishDealContactChanges, recordDealContactChanges } from "./deal-links";
import { assertNoDuplicate, withDuplicateId } from "./duplicates";
import { auditActor, publishContactChanges } from "./events";
import type { Contact, ContactConversation, ContactDeal } from "./model";
import type { ContactDeletionDeps, ContactsDeps, ContactsRepos } from "./ports";

export interface CreateContactInput {
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  companyId?: string | null | undefined;
  /** Instead of `companyId`: the company of that name (any letter case), created with the contact if none. */
  companyName?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  tagIds?: string[] | undefined;
}

export interface UpdateContactInput {
  name?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  companyId?: string | null | undefined;
  /** Instead of `companyId`: the company of that name (any letter case), created with the change if none. */
  companyName?: string | undefined;
  /** Custom field values to set; null clears one. Keys not named keep their value. */
  metadata?: Record<string, unknown> | undefined;
  /** write only if the contact is still at this version (see `assertUnchanged`) */
  expectedUpdatedAt?: Date | undefined;
}

export async function assertCompanyExists(
  repos: Pick<ContactsRepos, "companies">,
  organizationId: string,
  companyId: string | null | undefined,
): Promise<void> {
  if (companyId && !(await repos.companies.findById(organizationId, companyId))) throw notFound("Company");
}

/**
 * The company the fields name: by id (checked beforehand by `assertCompanyExists`) or by name, the
 * organization's company of that name in any letter case, else a new one. Called last in the contact's
 * transaction, so a contact that is not written leaves no company behind. Undefined: leave it as it is.
 */
async function companyOf(
  repos: Pick<ContactsRepos, "companies">,
  organizationId: string,
  fields: Pick<ContactFields, "companyId" | "companyName">,
): Promise<string | null | undefined> {
  const { companyId, companyName } = fields;
  if (companyName === undefined) return companyId;
  const ids = await repos.companies.findOrCreateByNames(organizationId, [companyName]);
  const id =
    ids.get(companyName.toLowerCase()) ?? (await repos.companies.findByName(organizationId, companyName))?.id;
  if (!id) throw notFound("Company");
  return id;
}

/** `tagIds` must hold no repeats: their count is compared with the number of tags found. */
async function assertTagsExist(
  repos: Pick<ContactsRepos, "tags">,
  organizationId: string,
  tagIds: readonly string[],
): Promise<void> {
  if (tagIds.length === 0) return;
  const found = await repos.tags.findByIds(organizationId, tagIds);
  if (found.length < tagIds.length) throw notFound("Tag");
}

export async function createContact(
  deps: ContactsDeps,
  actor: Actor,
  input: CreateContactInput,
): Promise<Contact> {
  const organizationId = actor.organizationId;
  const { companyId, companyName, ...fields } = parseContactFields({ ...input, name: input.name });
  const candidate = { phone: fields.phone ?? null, email: fields.email ?? null };
  const tagIds = [...new Set((input.tagIds ?? []).map((tagId) => parseId(tagId, "tagIds")))];
  const contact = await withDuplicateId(deps.store.contacts, organizationId, candidate, undefined, () =>
    deps.store.transaction(async (repos) => {
      await assertCompanyExists(repos, organizationId, companyId);
      await assertTagsExist(repos, organizationId, tagIds);
      const definitions = await repos.customFields.listAll(organizationId);
      const metadata = applyMetadataPatch(definitions, {}, input.metadata ?? {}, { requireAll: true });
      await assertNoDuplicate(repos.contacts, organizationId, candidate);
      const created = await repos.contacts.create(organizationId, {
        name: fields.name ?? input.name,
        ...candidate,
        companyId: (await companyOf(repos, organizationId, { companyId, companyName })) ?? null,
        metadata,
      });
      if (tagIds.length === 0) return created;
      await repos.contacts.addTags(organizationId, created.id, tagIds);
      return (await repos.contacts.findById(organizationId, created.id)) ?? created;
    }),
  );
  await publishContactChanges(deps, organizationId, [{ contactId: contact.id, change: "created" }]);
  return contact;
}

export async function updateContact(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  input: UpdateContactInput,
): Promise<Contact> {
  const organizationId = actor.organizationId;
  const { companyId, companyName, ...fields } = parseContactFields(input);
  const candidate = { phone: fields.phone ?? null, email: fields.email ?? null };
  const contact = await withDuplicateId(deps.store.contacts, organizationId, candidate, id, () =>
    deps.store.transaction(async (repos) => {
      const current = await repos.contacts.lockById(organizationId, id);
      if (!current) throw notFound("Contact");
      assertUnchanged("contact", current, input);
      await assertCompanyExists(repos, organizationId, companyId);
      const metadata =
        input.metadata === undefined
          ? undefined
          : applyMetadataPatch(
              await repos.customFields.listAll(organizationId),
              current.metadata,
              input.metadata,
              {
                requireAll: false,
              },
            );
      await assertNoDuplicate(repos.contacts, organizationId, candidate, id);
      const company = await companyOf(repos, organizationId, { companyId, companyName });
      const updated = await repos.contacts.update(organizationId, id, {
        ...fields,
        ...(company === undefined ? {} : { companyId: company }),
        ...(metadata === undefined ? {} : { metadata }),
      });
      if (!updated) throw notFound("Contact");
      return updated;
    }),
  );
  await publishContactChanges(deps, organizationId, [{ contactId: contact.id, change: "updated" }]);
  return contact;
}

/**
 * Its conversations go with it, and once that committed their messages' stored media files (see
 * `MediaErasureDeps`); its deals stay without a contact, each with a `contact_changed` activity.
 */
export async function deleteContact(
  deps: ContactDeletionDeps,
  actor: Actor,
  id: string,
  precondition: Precondition = {},
): Promise<void> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const { releasedDeals, mediaUrls } = await deps.store.transaction(async (repos) => {
    const contact = await repos.contacts.lockById(organizationId, id);
    if (!contact) throw notFound("Contact");
    assertUnchanged("contact", contact, precondition);
    const released = await repos.contacts.releaseDeals(organizationId, id);
    await recordDealContactChanges(
      repos,
      actor,
      released,
      { fromContactId: id, toContactId: null, reason: "contact_deleted" },
      now,
    );
    const removed = await repos.contacts.remove(organizationId, id);
    if (!removed) throw notFound("Contact");
    await repos.auditLogs.forgetMergedContacts(organizationId, id);
    await repos.auditLogs.record({
      organizationId,
      ...auditActor(actor),
      action: "contact.deleted",
      entityType: "contact",
      entityId: id,
      // no personal data: a deleted contact must not live on in the audit log
      data: { tags: contact.tags.length, hadEmail: contact.email !== null, hadPhone: contact.phone !== null },
    });
    return { releasedDeals: released, mediaUrls: removed.mediaUrls };
  });
  await removeMediaFiles(deps, mediaUrls);
  await publishContactChanges(deps, organizationId, [{ contactId: id, change: "deleted" }]);
  await publishDealContactChanges(deps, organizationId, releasedDeals, now);
}

export async function getContact(deps: ContactsDeps, actor: Actor, id: string): Promise<Contact> {
  const contact = await deps.store.contacts.findById(actor.organizationId, id);
  if (!contact) throw notFound("Contact");
  return contact;
}

export async function listContactConversations(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  page: PageRequest,
): Promise<Page<ContactConversation>> {
  await getContact(deps, actor, id);
  // the inbox's rule: an agent sees only the conversations assigned to them and the unassigned ones
  return deps.store.contacts.conversations(actor.organizationId, id, conversationScope(actor), page);
}

export async function listContactDeals(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  page: PageRequest,
): Promise<Page<ContactDeal>> {
  await getContact(deps, actor, id);
  return deps.store.contacts.deals(actor.organizationId, id, page);
}

export async function tagContact(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  tagId: string,
): Promise<Contact> {
  const organizationId = actor.organizationId;
  const contact = await deps.store.transaction(async (repos) => {
    if (!(await repos.contacts.lockById(organizationId, id))) throw notFound("Contact");
    if (!(await repos.tags.findById(organizationId, tagId))) throw notFound("Tag");
    await repos.contacts.addTags(organizationId, id, [tagId]);
    return repos.contacts.findById(organizationId, id);
  });
  if (!contact) throw notFound("Contact");
  await publishContactChanges(deps, organizationId, [{ contactId: id, change: "updated" }]);
  return contact;
}

export async function untagContact(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  tagId: string,
): Promise<Contact> {
  const organizationId = actor.organizationId;
  const contact = await deps.store.transaction(async (repos) => {
    if (!(await repos.contacts.lockById(organizationId, id))) throw notFound("Contact");
    if (!(await repos.contacts.removeTag(organizationId, id, tagId))) {
      if (!(await repos.tags.findById(organizationId, tagId))) throw notFound("Tag");
      throw new DomainError("NOT_FOUND", "This tag is not attached to the contact");
    }
    return repos.contacts.findById(organizationId, id);
  });
  if (!contact) throw notFound("Contact");
  await publishContactChanges(deps, organizationId, [{ contactId: id, change: "updated" }]);
  return contact;
}
