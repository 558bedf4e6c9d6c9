import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
import { existingIdOf } from "../../lib/errors";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import type { CustomFieldDrafts } from "./custom-field-drafts";
import type { TagRef } from "./tag-picker";

export type Contact = RouterOutputs["contacts"]["get"];
type Client = ReturnType<typeof useTRPCClient>;
type Metadata = Record<string, Contact["metadata"][string] | null>;

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
  company: string;
  metadata: Metadata;
  tags: readonly TagRef[];
}

export type { CustomFieldDrafts };

/** The company's id by its name: an existing company when one has that name, else a new one. */
async function resolveCompany(client: Client, name: string): Promise<string | null> {
  const wanted = name.trim();
  if (wanted === "") return null;
  const found = await client.companies.list.query({ search: wanted, limit: 20 });
  const same = found.items.find((company) => company.name.toLowerCase() === wanted.toLowerCase());
  if (same) return same.id;
  try {
    return (await client.companies.create.mutate({ name: wanted })).id;
  } catch (error) {
    const existing = existingIdOf(error);
    if (existing) return existing;
    throw error;
  }
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** Creates or updates a contact with its company and tags, as one action for the user. */
export function useSaveContact(contact: Contact | undefined) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (draft: ContactDraft): Promise<Contact> => {
      const companyId = await resolveCompany(client, draft.company);
      const fields = {
        name: draft.name.trim(),
        email: orNull(draft.email),
        phone: orNull(draft.phone),
        companyId,
      };
      if (!contact) {
        return client.contacts.create.mutate({
          ...fields,
          metadata: draft.metadata,
          tagIds: draft.tags.map((tag) => tag.id),
        });
      }
      let saved = await client.contacts.update.mutate({
        id: contact.id,
        ...fields,
        metadata: draft.metadata,
      });
      const wanted = new Set(draft.tags.map((tag) => tag.id));
      const had = new Set(contact.tags.map((tag) => tag.id));
      for (const tag of contact.tags) {
        if (!wanted.has(tag.id))
          saved = await client.contacts.removeTag.mutate({ id: contact.id, tagId: tag.id });
      }
      for (const tag of draft.tags) {
        if (!had.has(tag.id)) saved = await client.contacts.addTag.mutate({ id: contact.id, tagId: tag.id });
      }
      return saved;
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.companies.list.pathKey() }),
      ]),
  });
}
