import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { parseName } from "../shared/names";
import {
  type CustomFieldDefinitionInput,
  maxCustomFieldLabelLength,
  parseCustomFieldDefinition,
  parseOptions,
} from "./custom-fields";
import { publishContactChanges } from "./events";
import type { CustomFieldDefinition } from "./model";
import type { ContactsDeps } from "./ports";

export async function createCustomField(
  deps: ContactsDeps,
  actor: Actor,
  input: CustomFieldDefinitionInput,
): Promise<CustomFieldDefinition> {
  return deps.store.customFields.create(actor.organizationId, parseCustomFieldDefinition(input));
}

/**
 * The key and type stay as created (stored values depend on them); label, options and `required` change.
 * New rules apply to values written from now on.
 */
export async function updateCustomField(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  input: { label?: string | undefined; options?: string[] | undefined; required?: boolean | undefined },
): Promise<CustomFieldDefinition> {
  const organizationId = actor.organizationId;
  return deps.store.transaction(async (repos) => {
    const current = await repos.customFields.findById(organizationId, id);
    if (!current) throw notFound("Custom field");
    const updated = await repos.customFields.update(organizationId, id, {
      ...(input.label === undefined
        ? {}
        : { label: parseName(input.label, "label", maxCustomFieldLabelLength) }),
      ...(input.options === undefined ? {} : { options: parseOptions(current.type, input.options) }),
      ...(input.required === undefined ? {} : { required: input.required }),
    });
    if (!updated) throw notFound("Custom field");
    return updated;
  });
}

/** How many contacts have a value for the field: its delete dialog says how many lose one. */
export async function countCustomFieldContacts(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
): Promise<number> {
  const definition = await deps.store.customFields.findById(actor.organizationId, id);
  if (!definition) throw notFound("Custom field");
  return deps.store.contacts.countWithMetadataKey(actor.organizationId, definition.key);
}

/** Deletes the definition and its values from every contact. */
export async function deleteCustomField(deps: ContactsDeps, actor: Actor, id: string): Promise<void> {
  const organizationId = actor.organizationId;
  const changed = await deps.store.transaction(async (repos) => {
    const definition = await repos.customFields.findById(organizationId, id);
    if (!definition) throw notFound("Custom field");
    await repos.customFields.remove(organizationId, id);
    return repos.contacts.removeMetadataKey(organizationId, definition.key);
  });
  await publishContactChanges(
    deps,
    organizationId,
    changed.map((contactId) => ({ contactId, change: "updated" as const })),
  );
}
