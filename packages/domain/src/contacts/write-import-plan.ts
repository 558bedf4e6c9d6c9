import { DomainError, notFound } from "../shared/errors";
import { describeError } from "./csv-mapping";
import { applyMetadataPatch } from "./custom-fields";
import { changedFields, onlyMissingValues } from "./import-changes";
import {
  failPlannedContact,
  type ImportPlan,
  type PlannedWrite,
  reportChangedFields,
  skipUnchangedContact,
} from "./import-plan";
import { type ImportReason, importReason } from "./import-reasons";
import type { CustomFieldDefinition, OnDuplicate } from "./model";
import type { ContactsTransactionRepos } from "./ports";
import { Undone } from "./undone-savepoint";

/**
 * Writes a batch's plan. A company or tag is created only by the write that links a contact to it: with the
 * contacts a batch creates (all in one savepoint, so one that a contact created meanwhile stops leaves none
 * behind), or in the savepoint of the update that links it, so an update that fills nothing, changes nothing
 * or fails leaves no company or tag without contacts.
 */
export async function writeImportPlan(
  repos: ContactsTransactionRepos,
  organizationId: string,
  definitions: readonly CustomFieldDefinition[],
  onDuplicate: OnDuplicate,
  plan: ImportPlan,
): Promise<void> {
  // the companies and tags of writes already made, by lower-cased name
  const companies = new Map<string, string>();
  const tags = new Map<string, string>();
  await createPlanned(repos, organizationId, plan, companies, tags);
  for (const planned of plan.updates.values()) {
    try {
      const { fields, found, foundTags } = await repos.savepoint(async () => {
        const current = await repos.contacts.lockById(organizationId, planned.contactId);
        if (!current) throw notFound("Contact");
        const update = onDuplicate === "fill" ? onlyMissingValues(current, planned) : planned;
        const found =
          update.companyName === undefined || companies.has(update.companyName.toLowerCase())
            ? companies
            : await repos.companies.findOrCreateByNames(organizationId, [update.companyName]);
        const company =
          update.companyName === undefined ? undefined : found.get(update.companyName.toLowerCase());
        const foundTags = await findOrCreateTags(repos, organizationId, update.tagNames, tags);
        const metadata = applyMetadataPatch(definitions, current.metadata, update.metadata, {
          requireAll: false,
        });
        const tagIds = update.tagNames.flatMap((name) => foundTags.get(name.toLowerCase()) ?? []);
        const fields = changedFields(current, { ...update, companyId: company, metadata, tagIds });
        // a row as the contact already is (a file the export wrote, imported back) touches nothing
        if (fields.length === 0) return { fields, found, foundTags };
        await repos.contacts.update(organizationId, update.contactId, {
          ...(update.name === undefined ? {} : { name: update.name }),
          ...(update.email === undefined ? {} : { email: update.email }),
          ...(update.phone === undefined ? {} : { phone: update.phone }),
          ...(company === undefined ? {} : { companyId: company }),
          metadata,
        });
        await repos.contacts.addTagLinks(
          organizationId,
          tagIds.map((tagId) => ({ contactId: update.contactId, tagId })),
        );
        return { fields, found, foundTags };
      });
      if (fields.length > 0) {
        for (const [name, id] of found) companies.set(name, id);
        for (const [name, id] of foundTags) tags.set(name, id);
        reportChangedFields(plan.results, planned.contactId, fields);
      } else {
        const reason = importReason(onDuplicate === "fill" ? "nothing_to_fill" : "unchanged");
        skipUnchangedContact(plan.results, planned.contactId, reason);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failPlannedContact(plan.results, planned.contactId, updateFailure(error));
    }
  }
}

/**
 * The ids of the tags with these names, by lower-cased name: those `known` holds, and the others found or
 * created, so to be called in the savepoint of the write that attaches them.
 */
async function findOrCreateTags(
  repos: ContactsTransactionRepos,
  organizationId: string,
  names: readonly string[],
  known: ReadonlyMap<string, string>,
): Promise<ReadonlyMap<string, string>> {
  const missing = names.filter((name) => !known.has(name.toLowerCase()));
  if (missing.length === 0) return known;
  const found = await repos.tags.findOrCreateByNames(organizationId, missing);
  return new Map([...known, ...found]);
}

/**
 * Creates the plan's new contacts with their companies and tags, in a savepoint that is undone and tried again
 * without them when some cannot be created (their phone or email was taken meanwhile): those rows fail, and
 * the companies and tags only they named are not created. `companies` and `tags` gain those used.
 */
async function createPlanned(
  repos: ContactsTransactionRepos,
  organizationId: string,
  plan: ImportPlan,
  companies: Map<string, string>,
  tags: Map<string, string>,
): Promise<void> {
  let pending = [...plan.creates.values()];
  while (pending.length > 0) {
    const creating = pending;
    try {
      const { found, foundTags } = await repos.savepoint(async () => {
        const names = creating.flatMap((create) => create.companyName ?? []);
        const found = await repos.companies.findOrCreateByNames(organizationId, names);
        const created = new Set(
          await repos.contacts.createMany(
            organizationId,
            creating.map((create) => ({
              id: create.contactId,
              name: create.name,
              email: create.email ?? null,
              phone: create.phone ?? null,
              companyId:
                create.companyName === undefined
                  ? null
                  : (found.get(create.companyName.toLowerCase()) ?? null),
              metadata: create.metadata,
            })),
          ),
        );
        const lost = creating.filter((create) => !created.has(create.contactId));
        if (lost.length > 0) throw new Undone(lost);
        const foundTags = await findOrCreateTags(
          repos,
          organizationId,
          creating.flatMap((create) => create.tagNames),
          tags,
        );
        await repos.contacts.addTagLinks(
          organizationId,
          creating.flatMap((create) =>
            create.tagNames.flatMap((name) => {
              const tagId = foundTags.get(name.toLowerCase());
              return tagId ? [{ contactId: create.contactId, tagId }] : [];
            }),
          ),
        );
        return { found, foundTags };
      });
      for (const [name, id] of found) companies.set(name, id);
      for (const [name, id] of foundTags) tags.set(name, id);
      return;
    } catch (thrown) {
      if (!(thrown instanceof Undone)) throw thrown;
      const lost = new Set(thrown.value as PlannedWrite[]);
      for (const create of lost)
        failPlannedContact(plan.results, create.contactId, importReason("created_meanwhile"));
      pending = creating.filter((create) => !lost.has(create));
    }
  }
}

function updateFailure(error: DomainError): ImportReason {
  if (error.code === "NOT_FOUND") return importReason("deleted_meanwhile");
  if (error.code === "CONFLICT") return importReason("taken_meanwhile");
  return importReason("other", { message: describeError(error) });
}
