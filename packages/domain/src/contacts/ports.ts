import type { Clock } from "../auth/ports";
import type { MediaErasureDeps } from "../conversations/ports";
import type { ConversationScope } from "../conversations/visibility";
import type { Deal } from "../deals/model";
import type { DealActivityRepository } from "../deals/ports";
import type { EventBus } from "../shared/events";
import type { JobQueue } from "../shared/jobs";
import type { Page, PageRequest } from "../shared/pagination";
import type { SortedPageRequest, UpdatedRange } from "../shared/sync";
import type { Transactional } from "../shared/transaction";
import type { CompanyFields } from "./company-fields";
import type { CustomFieldDefinitionDraft } from "./custom-fields";
import type { ImportFileError } from "./import-file-errors";
import type { PreviewBatchMemory } from "./import-preview";
import type {
  Company,
  CompanySummary,
  Contact,
  ContactConversation,
  ContactDeal,
  ContactDraft,
  ContactFilter,
  ContactImport,
  ContactPatch,
  ContactSort,
  CustomFieldDefinition,
  ImportCounts,
  ImportRowOutcome,
  ImportRowResult,
  ImportStatus,
  OnDuplicate,
  Tag,
} from "./model";
import type { ContactDeletionImpact, DuplicateCriteria, PossibleDuplicate } from "./possible-duplicates";

export interface CompanyFilter extends UpdatedRange {
  /** Part of the name or of the website domain, or CNPJ characters in any punctuation */
  search?: string | undefined;
}

/** What a new company starts with: a name, the other fields absent when not given. */
export type CompanyDraft = CompanyFields & { name: string };

/** createdAt: newest first (the default); updatedAt: least recently changed first, the order to sync in. */
export type CompanySort = "createdAt" | "updatedAt";

/** A deal that changed contact in a merge: what its timeline entry and `deal_updated` event need. */
export type MovedContactDeal = Pick<Deal, "id" | "pipelineId" | "stageId" | "status">;

export interface ContactPageRequest extends PageRequest {
  sort?: ContactSort | undefined;
}

/** The contact holding a phone or an email, for duplicate checks. */
export interface ContactIdentity {
  id: string;
  phone: string | null;
  email: string | null;
}

export interface ContactRepository {
  /** Throws CONFLICT with `existingId` when the phone or email is already taken in the organization. */
  create(organizationId: string, draft: ContactDraft): Promise<Contact>;
  /** Creates contacts with the given ids; one whose phone or email is taken is left out. Returns the ids created. */
  createMany(organizationId: string, drafts: Array<ContactDraft & { id: string }>): Promise<string[]>;
  findById(organizationId: string, id: string): Promise<Contact | undefined>;
  /** Locks the contact's row for the rest of the transaction. */
  lockById(organizationId: string, id: string): Promise<Contact | undefined>;
  /** Contacts (other than `exceptId`) holding any of these phones or emails, or having one of these ids. */
  findByIdentities(
    organizationId: string,
    identities: { phones: string[]; emails: string[]; ids?: readonly string[] | undefined },
    exceptId?: string,
  ): Promise<ContactIdentity[]>;
  /** Throws CONFLICT (without `existingId`: the transaction is aborted) on a duplicate phone or email. */
  update(organizationId: string, id: string, patch: ContactPatch): Promise<Contact | undefined>;
  /**
   * Deletes the contact with its conversations, leaving a tombstone for each (`mergedIntoId`: the survivor of
   * a merge); answers the media locators of their messages, or undefined when there was no such contact.
   */
  remove(
    organizationId: string,
    id: string,
    mergedIntoId?: string,
  ): Promise<{ mediaUrls: string[] } | undefined>;
  list(organizationId: string, filter: ContactFilter, page: ContactPageRequest): Promise<Page<Contact>>;
  /** Attaching a tag twice changes nothing. */
  addTags(organizationId: string, contactId: string, tagIds: string[]): Promise<void>;
  addTagLinks(organizationId: string, links: Array<{ contactId: string; tagId: string }>): Promise<void>;
  removeTag(organizationId: string, contactId: string, tagId: string): Promise<boolean>;
  /**
   * Only those `scope` lets the reader see (an agent: theirs and the unassigned ones); latest activity first
   * (the last message, or the start of one without any), then by id.
   */
  conversations(
    organizationId: string,
    contactId: string,
    scope: ConversationScope,
    page: PageRequest,
  ): Promise<Page<ContactConversation>>;
  deals(organizationId: string, contactId: string, page: PageRequest): Promise<Page<ContactDeal>>;
  /**
   * Points the source's conversations, deals, tags and channel identities at the target; returns the deals
   * moved and how many others.
   */
  moveRelations(
    organizationId: string,
    fromId: string,
    toId: string,
  ): Promise<{ conversations: number; deals: MovedContactDeal[]; tags: number; identities: number }>;
  /** Unlinks the contact's deals (they stay, without a contact); returns them. */
  releaseDeals(organizationId: string, contactId: string): Promise<MovedContactDeal[]>;
  /** Removes a custom field's values from every contact; returns the ids of the contacts changed. */
  removeMetadataKey(organizationId: string, key: string): Promise<string[]>;
  /** How many contacts have a value for this custom field key. */
  countWithMetadataKey(organizationId: string, key: string): Promise<number>;
  /**
   * Other contacts with the same name key as this one, or matching the criteria; most signals first, then
   * newest. Each condition is an index lookup.
   */
  possibleDuplicates(
    organizationId: string,
    id: string,
    criteria: DuplicateCriteria,
    limit: number,
  ): Promise<PossibleDuplicate[]>;
  /** The counts behind `ContactDeletionImpact`. */
  deletionImpact(organizationId: string, id: string): Promise<ContactDeletionImpact>;
}

export interface CompanyRepository {
  /**
   * Throws CONFLICT with `existingId` when a company of that name (case-insensitive) or that CNPJ exists;
   * its fieldErrors name the field, `name` or `taxId`.
   */
  create(organizationId: string, draft: CompanyDraft): Promise<Company>;
  /** `lock`: locks the company's row for the rest of the transaction. */
  findById(organizationId: string, id: string, lock?: "update"): Promise<Company | undefined>;
  findByName(organizationId: string, name: string): Promise<Company | undefined>;
  /** The ids of companies with these names (any letter case), creating the missing ones; keyed by lower-cased name. */
  findOrCreateByNames(organizationId: string, names: string[]): Promise<Map<string, string>>;
  list(
    organizationId: string,
    filter: CompanyFilter,
    page: SortedPageRequest<CompanySort>,
  ): Promise<Page<CompanySummary>>;
  /** Throws CONFLICT like `create`. */
  update(organizationId: string, id: string, patch: CompanyFields): Promise<Company | undefined>;
  /** Unlinks its contacts and leaves a tombstone; returns their ids, or undefined when the company does not exist. */
  remove(organizationId: string, id: string): Promise<string[] | undefined>;
}

/** name: A-Z without accents or letter case (the default); createdAt: newest first; updatedAt: to sync. */
export type TagSort = "name" | "createdAt" | "updatedAt";

export interface TagFilter extends UpdatedRange {
  /** Part of the name, whatever its accents and letter case. */
  search?: string | undefined;
}

export interface TagRepository {
  /** Throws CONFLICT with `existingId` when a tag of that name exists, whatever its accents and letter case. */
  create(organizationId: string, input: { name: string; color: string }): Promise<Tag>;
  findById(organizationId: string, id: string): Promise<Tag | undefined>;
  /** Those of these ids that are the organization's tags. */
  findByIds(organizationId: string, ids: readonly string[]): Promise<Tag[]>;
  /** The tags with these names, whatever their accents and letter case. */
  findByNames(organizationId: string, names: string[]): Promise<Tag[]>;
  /**
   * The ids of tags with these names (whatever their accents and letter case), creating the missing ones;
   * keyed by lower-cased name as given.
   */
  findOrCreateByNames(organizationId: string, names: string[]): Promise<Map<string, string>>;
  list(organizationId: string, filter: TagFilter, page: SortedPageRequest<TagSort>): Promise<Page<Tag>>;
  /** Throws CONFLICT like `create`. */
  update(
    organizationId: string,
    id: string,
    patch: { name?: string; color?: string },
  ): Promise<Tag | undefined>;
  /** Detaches it from its contacts and leaves a tombstone; returns their ids, or undefined when it does not exist. */
  remove(organizationId: string, id: string): Promise<string[] | undefined>;
  /** How many contacts carry the tag. */
  countContacts(organizationId: string, id: string): Promise<number>;
}

export interface CustomFieldRepository {
  /** Throws CONFLICT with `existingId` when the key is taken. */
  create(organizationId: string, draft: CustomFieldDefinitionDraft): Promise<CustomFieldDefinition>;
  findById(organizationId: string, id: string): Promise<CustomFieldDefinition | undefined>;
  /** Every definition of the organization, oldest first (there are few). */
  listAll(organizationId: string): Promise<CustomFieldDefinition[]>;
  list(organizationId: string, page: PageRequest): Promise<Page<CustomFieldDefinition>>;
  update(
    organizationId: string,
    id: string,
    patch: Partial<Pick<CustomFieldDefinition, "label" | "options" | "required">>,
  ): Promise<CustomFieldDefinition | undefined>;
  remove(organizationId: string, id: string): Promise<boolean>;
}

export interface ContactImportRepository {
  create(input: {
    organizationId: string;
    csv: string;
    onDuplicate: OnDuplicate;
    /** A preview: see `ContactImport.dryRun`. */
    dryRun?: boolean;
    createdBy: string | null;
  }): Promise<ContactImport>;
  /** `lock`: locks the import's row for the rest of the transaction. */
  findById(organizationId: string, id: string, lock?: "update"): Promise<ContactImport | undefined>;
  /** Newest first. */
  list(organizationId: string, page: PageRequest): Promise<Page<ContactImport>>;
  /** For the job, which knows only the import's id. */
  findByIdAnyOrganization(id: string): Promise<ContactImport | undefined>;
  /**
   * The file, while the import is not finished (it is dropped when the import ends), and while a completed
   * preview is not confirmed.
   */
  csv(id: string): Promise<string | undefined>;
  /** Records the import a preview became, and drops the preview's file, which that import now holds. */
  markConfirmed(previewId: string, importId: string): Promise<void>;
  /** The language of the import's organization (e.g. "pt-BR"). */
  locale(id: string): Promise<string | undefined>;
  /** Locks the import's row for the rest of the transaction; answers where the import stands. */
  lock(id: string): Promise<Pick<ContactImport, "status" | "processed"> | undefined>;
  /** `ignoredColumns`: the header's columns the import leaves out (see `ContactImport.ignoredColumns`). */
  markRunning(id: string, total: number, at: Date, ignoredColumns?: readonly string[]): Promise<void>;
  /**
   * Imports queued or running with no progress since `before`, at most `limit`, oldest first; their
   * `updated_at` moves to `at` so that the next sweep does not take them again at once.
   */
  claimStale(before: Date, at: Date, limit: number): Promise<string[]>;
  /**
   * Deletes up to `limit` previews (of any organization) finished before `cutoff` and never confirmed, with
   * their file, rows and batches, in one statement; a preview being confirmed meanwhile is left alone.
   */
  deleteUnconfirmedPreviews(cutoff: Date, limit: number): Promise<number>;
  /** Forgets the import's rows and counts (and a preview's batches), so that it starts over from its first row. */
  restart(id: string): Promise<void>;
  /** Keeps what a preview's batch ending at `lastRow` would have written (see `PreviewBatchMemory`). */
  addPreviewBatch(
    organizationId: string,
    importId: string,
    lastRow: number,
    memory: PreviewBatchMemory,
  ): Promise<void>;
  /** A preview's kept batches, in file order. */
  previewBatches(importId: string): Promise<Array<{ lastRow: number; memory: PreviewBatchMemory }>>;
  /** Adds a batch's counts to the totals. */
  addProgress(id: string, counts: ImportCounts): Promise<void>;
  /** Drops the file (but a completed preview's, kept for its confirmation) and a preview's batches. */
  finish(
    id: string,
    status: Extract<ImportStatus, "completed" | "failed">,
    error: { text: string; reason: ImportFileError } | null,
    at: Date,
  ): Promise<void>;
  addRows(organizationId: string, importId: string, rows: ImportRowResult[]): Promise<void>;
  /**
   * Of these contacts, those an earlier row of the import created, updated or matched unchanged, each with
   * the first such row's number.
   */
  rowsWritingContacts(importId: string, contactIds: readonly string[]): Promise<Map<string, number>>;
  /** In file order; with `outcome`, only the rows of that outcome. */
  listRows(
    organizationId: string,
    importId: string,
    page: PageRequest,
    /** `warned`: only the rows imported with warnings. */
    filter?: { outcome?: ImportRowOutcome | undefined; warned?: boolean | undefined },
  ): Promise<Page<ImportRowResult>>;
}

export interface AuditLogEntry {
  organizationId: string;
  actorType: "user" | "api_key" | "system";
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

export interface AuditLogRepository {
  record(entry: AuditLogEntry): Promise<void>;
  /**
   * Drops the merged contacts' personal data (name, email, phone, values) from the merge rows of a contact that
   * is going away, so a person erased from the CRM does not live on in its audit log.
   */
  forgetMergedContacts(organizationId: string, contactId: string): Promise<void>;
}

export interface ContactsRepos {
  contacts: ContactRepository;
  companies: CompanyRepository;
  tags: TagRepository;
  customFields: CustomFieldRepository;
  imports: ContactImportRepository;
  auditLogs: AuditLogRepository;
  /** The deals context's timeline: a merge writes a system activity on each deal it moves. */
  dealActivities: Pick<DealActivityRepository, "createMany">;
}

export interface ContactsTransactionRepos extends ContactsRepos {
  /** Runs `work` so that, if it throws, only its own writes are undone and the transaction goes on. */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

export interface ContactsDeps {
  store: Transactional<ContactsTransactionRepos> & ContactsRepos;
  clock: Clock;
  queue: JobQueue;
  events: Pick<EventBus, "publish">;
  /** Ids for contacts an import creates, known before they are written. */
  newId(): string;
}

/** Deleting a contact also erases the stored media of its conversations' messages. */
export type ContactDeletionDeps = ContactsDeps & MediaErasureDeps;
