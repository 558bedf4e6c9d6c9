import type { TRPCRouterRecord } from "@trpc/server";
import { confirmContactImport } from "./confirm-contact-import";
import { createContact } from "./create-contact";
import { deleteContact } from "./delete-contact";
import { getContact } from "./get-contact";
import { getContactDeletionImpact } from "./get-contact-deletion-impact";
import { getContactImport } from "./get-contact-import";
import { listContactConversations } from "./list-contact-conversations";
import { listContactDeals } from "./list-contact-deals";
import { listContactImportRows } from "./list-contact-import-rows";
import { listContactImports } from "./list-contact-imports";
import { listContacts } from "./list-contacts";
import { listPossibleDuplicates } from "./list-possible-duplicates";
import { mergeContacts } from "./merge-contacts";
import { startContactImport } from "./start-contact-import";
import { tagContact } from "./tag-contact";
import { untagContact } from "./untag-contact";
import { updateContact } from "./update-contact";

export const contactsRouter = {
  list: listContacts,
  // before `get`: REST routes to the first procedure whose path matches, and /contacts/{id} matches this one
  listImports: listContactImports,
  get: getContact,
  create: createContact,
  update: updateContact,
  remove: deleteContact,
  conversations: listContactConversations,
  deals: listContactDeals,
  duplicates: listPossibleDuplicates,
  deletionImpact: getContactDeletionImpact,
  addTag: tagContact,
  removeTag: untagContact,
  merge: mergeContacts,
  startImport: startContactImport,
  confirmImport: confirmContactImport,
  getImport: getContactImport,
  importRows: listContactImportRows,
} satisfies TRPCRouterRecord;
