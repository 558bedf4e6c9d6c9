import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { type ContactFormValues, changedFields, newContactFields } from "./contact-changes";
import type { CustomFieldDrafts } from "./custom-field-drafts";
import type { TagRef } from "./tag-picker";

export type Contact = RouterOutputs["contacts"]["get"];
type Metadata = Record<string, Contact["metadata"][string] | null>;

export interface ContactDraft {
  values: ContactFormValues;
  /** On an edit, only the custom fields the user changed (see `changedMetadataFromDrafts`). */
  metadata: Metadata;
  tags: readonly TagRef[];
}

export type { CustomFieldDrafts };

/**
 * Creates or updates a contact with its company and tags, as one action for the user. The company is named,
 * not created beforehand: the server finds or creates it with the contact, so a refused contact leaves none.
 * An edit is made against `base`, the contact as the form opened with it: it sends only what the user changed,
 * on the condition that nobody changed the contact since (PRECONDITION_FAILED otherwise, nothing written).
 */
export function useSaveContact(base: Contact | undefined) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (draft: ContactDraft): Promise<Contact> => {
      if (!base) {
        return client.contacts.create.mutate({
          ...newContactFields(draft.values),
          metadata: draft.metadata,
          tagIds: draft.tags.map((tag) => tag.id),
        });
      }
      const changes = changedFields(base, draft.values);
      const metadata = Object.keys(draft.metadata).length > 0 ? draft.metadata : undefined;
      let saved: Contact | undefined;
      if (Object.keys(changes).length > 0 || metadata) {
        saved = await client.contacts.update.mutate({
          id: base.id,
          ...changes,
          ...(metadata ? { metadata } : {}),
          expectedUpdatedAt: base.updatedAt,
        });
      }
      const wanted = new Set(draft.tags.map((tag) => tag.id));
      const had = new Set(base.tags.map((tag) => tag.id));
      for (const tag of base.tags) {
        if (!wanted.has(tag.id))
          saved = await client.contacts.removeTag.mutate({ id: base.id, tagId: tag.id });
      }
      for (const tag of draft.tags) {
        if (!had.has(tag.id)) saved = await client.contacts.addTag.mutate({ id: base.id, tagId: tag.id });
      }
      return saved ?? client.contacts.get.query({ id: base.id });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.companies.list.pathKey() }),
      ]),
  });
}
