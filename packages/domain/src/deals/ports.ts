import type { EventBus } from "../shared/events";
import type { CurrencyCode, Money } from "../shared/money";
import type { Page, PageRequest } from "../shared/pagination";
import type { SortedPageRequest, UpdatedRange } from "../shared/sync";
import type { Transactional } from "../shared/transaction";
import type { AgendaFilter } from "./agenda";
import type { Deal, DealActivity, DealActivityType, DealStatus, LostReason, Pipeline, Stage } from "./model";
import type { RottingCutoff } from "./rotting";

/** "share" blocks edits of the row until commit; "update" takes it for writing. */
export type DealsRowLock = "share" | "update";

export interface PipelinePatch {
  name?: string;
  stages?: Stage[];
  winOnPayment?: boolean;
}

export interface PipelineRepository {
  create(
    organizationId: string,
    input: { name: string; stages: Stage[]; winOnPayment: boolean },
  ): Promise<Pipeline>;
  findById(organizationId: string, id: string, lock?: DealsRowLock): Promise<Pipeline | undefined>;
  /** The pipeline holding this stage (stage ids are unique). */
  findByStageId(organizationId: string, stageId: string, lock?: DealsRowLock): Promise<Pipeline | undefined>;
  /** Oldest first. */
  list(organizationId: string, page: PageRequest): Promise<Page<Pipeline>>;
  /** Every pipeline of the organization (a handful), for rules spanning them such as rotting. */
  listAll(organizationId: string): Promise<Pipeline[]>;
  update(organizationId: string, id: string, patch: PipelinePatch, at: Date): Promise<Pipeline | undefined>;
  remove(organizationId: string, id: string): Promise<boolean>;
}

export interface DealFilter extends UpdatedRange {
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  status?: DealStatus | undefined;
  assigneeId?: string | undefined;
  /** with an owner (true) or without one (false) */
  assigned?: boolean | undefined;
  contactId?: string | undefined;
  currency?: CurrencyCode | undefined;
  /** inclusive bounds, compared within `currency` */
  valueMin?: string | undefined;
  valueMax?: string | undefined;
  /** rotting or not, by the cutoffs of every stage that rots */
  rotting?: { rotting: boolean; cutoffs: RottingCutoff[] } | undefined;
  lostReasonId?: string | undefined;
  /** trimmed, not blank: matches the title, the contact's name or its company's name, accents and case aside */
  search?: string | undefined;
}

/** createdAt: newest first (the default); updatedAt: least recently changed first, the order to sync in. */
export type DealSort = "createdAt" | "updatedAt";
export type DealPageRequest = SortedPageRequest<DealSort>;

export interface NewDeal {
  title: string;
  contactId: string;
  pipelineId: string;
  stageId: string;
  value: Money;
  assigneeId: string | null;
  expectedCloseDate: string | null;
}

export interface DealPatch {
  title?: string;
  contactId?: string;
  pipelineId?: string;
  stageId?: string;
  stageEnteredAt?: string;
  value?: Money;
  assigneeId?: string | null;
  expectedCloseDate?: string | null;
  status?: DealStatus;
  lostReason?: string | null;
  lostReasonId?: string | null;
  wonAt?: string | null;
  lostAt?: string | null;
}

export interface MovedDeal {
  id: string;
  fromStageId: string;
  status: DealStatus;
}

/** A stage's open value in one currency, and how many of its deals are in that currency. */
export interface StageTotal extends Money {
  count: number;
}

export interface StageTotals {
  stageId: string;
  count: number;
  /** one per currency, never added across currencies */
  totals: StageTotal[];
}

/** A deal of a board column, with when its earliest task, call or meeting not done is due (ISO, or null). */
export interface BoardDeal extends Deal {
  nextActivityDueAt: string | null;
}

export interface DealRepository {
  create(organizationId: string, input: NewDeal, at: Date): Promise<Deal>;
  findById(organizationId: string, id: string, lock?: DealsRowLock): Promise<Deal | undefined>;
  /** Newest first, or by (updated_at, id) ascending for `updatedAt`. */
  list(organizationId: string, filter: DealFilter, page: DealPageRequest): Promise<Page<Deal>>;
  update(organizationId: string, id: string, patch: DealPatch, at: Date): Promise<Deal>;
  /** Deletes the deal and leaves a tombstone. */
  remove(organizationId: string, id: string): Promise<boolean>;
  /** The deal's payment links still pending (a customer could still pay them). */
  countPendingPayments(organizationId: string, dealId: string): Promise<number>;
  /** Deals of the pipeline in any status; only in `stageIds` when given. */
  countInPipeline(organizationId: string, pipelineId: string, stageIds?: string[]): Promise<number>;
  /** The pipeline's deals counted by status, in one query. */
  countByStatus(organizationId: string, pipelineId: string): Promise<Record<DealStatus, number>>;
  /** Moves every deal of the pipeline (only of `stageIds` when given) to the target stage, entering it at `at`. */
  moveAll(
    organizationId: string,
    from: { pipelineId: string; stageIds?: string[] | undefined },
    to: { pipelineId: string; stageId: string },
    at: Date,
  ): Promise<MovedDeal[]>;
  /**
   * A page of each stage's deals, most recently entered first, keyed by stage id (every one of `stageIds`,
   * read in one go). The filter carries the pipeline; its stageId is ignored. A cursor belongs to one column,
   * so it comes with a single stage.
   */
  stageColumns(
    organizationId: string,
    filter: DealFilter & { pipelineId: string },
    stageIds: readonly string[],
    page: PageRequest,
  ): Promise<Map<string, Page<BoardDeal>>>;
  /** Lost deals counted and totalled per lost reason and currency. */
  lostTotals(organizationId: string, filter: LostDealsFilter): Promise<LostReasonTotal[]>;
  /** Count and per-currency totals of every stage of the pipeline that has matching deals. */
  stageTotals(organizationId: string, filter: DealFilter & { pipelineId: string }): Promise<StageTotals[]>;
}

export interface LostReasonPatch {
  name?: string;
  position?: number;
  archivedAt?: Date | null;
}

export interface LostReasonRepository {
  /** A name taken (letter case aside) is a CONFLICT. */
  create(organizationId: string, input: { name: string; position: number }): Promise<LostReason>;
  findById(organizationId: string, id: string): Promise<LostReason | undefined>;
  /** By position; `archived` true: only archived, false: only active, undefined: both. */
  list(organizationId: string, filter: { archived?: boolean | undefined }): Promise<LostReason[]>;
  /** Every reason of the organization by position, locked for a reorder. */
  lockAll(organizationId: string): Promise<LostReason[]>;
  /** A name taken (letter case aside) is a CONFLICT. */
  update(
    organizationId: string,
    id: string,
    patch: LostReasonPatch,
    at: Date,
  ): Promise<LostReason | undefined>;
  setPositions(
    organizationId: string,
    positions: ReadonlyArray<{ id: string; position: number }>,
    at: Date,
  ): Promise<void>;
}

/** Lost deals of one reason (null: lost with free text only) in one currency. */
export interface LostReasonTotal extends Money {
  lostReasonId: string | null;
  count: number;
}

export interface LostDealsFilter {
  pipelineId?: string | undefined;
  /** lost at or after */
  lostFrom?: Date | undefined;
  /** lost at or before */
  lostTo?: Date | undefined;
}

export interface NewDealActivity {
  dealId: string;
  type: DealActivityType;
  content: string | null;
  data: Record<string, unknown>;
  dueAt: Date | null;
  actorId: string | null;
  /** The API key that made the change; absent or null when a user or the system did. */
  apiKeyId?: string | null;
  createdAt: Date;
}

export interface DealActivityRepository {
  create(organizationId: string, input: NewDealActivity): Promise<DealActivity>;
  createMany(organizationId: string, inputs: NewDealActivity[]): Promise<void>;
  findById(organizationId: string, dealId: string, id: string): Promise<DealActivity | undefined>;
  /** Newest first; activities with the same timestamp, the last written first. */
  list(organizationId: string, dealId: string, page: PageRequest): Promise<Page<DealActivity>>;
  setDone(organizationId: string, dealId: string, id: string, doneAt: Date | null): Promise<DealActivity>;
  /** Users' activities across deals by (due_at, id), those without a due date last. */
  agenda(organizationId: string, filter: AgendaFilter, page: PageRequest): Promise<Page<AgendaRow>>;
}

/** An activity of the agenda with what a list shows of its deal. */
export interface AgendaRow {
  activity: DealActivity;
  deal: {
    id: string;
    title: string;
    pipelineId: string;
    stageId: string;
    status: DealStatus;
    assigneeId: string | null;
    contactName: string | null;
  };
}

/** What deals refer to in other contexts, read inside the same transaction. */
export interface DealReferences {
  contactExists(organizationId: string, contactId: string): Promise<boolean>;
  userExists(organizationId: string, userId: string): Promise<boolean>;
  defaultCurrency(organizationId: string): Promise<string>;
  /** The organization's IANA time zone, where its "today" is. */
  timeZone(organizationId: string): Promise<string>;
}

export interface DealsRepos {
  pipelines: PipelineRepository;
  deals: DealRepository;
  activities: DealActivityRepository;
  lostReasons: LostReasonRepository;
  references: DealReferences;
}

export interface DealsDeps {
  store: Transactional<DealsRepos> & DealsRepos;
  clock: { now(): Date };
  events: EventBus;
  /** A new UUID, for stages (their ids are ours, not the database's). */
  newId(): string;
}
