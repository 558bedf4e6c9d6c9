import type { Actor } from "../auth/model";
import { notFound, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { Money } from "../shared/money";
import { parseName } from "../shared/names";
import { assertUnchanged } from "../shared/record-version";
import { activityActor } from "./actor";
import { assertReferences, unknownStage } from "./create-deal";
import { type DealValueInput, maxDealTitleLength, parseCalendarDate, parseDealValue } from "./deal-input";
import { dealView } from "./deal-view";
import { type DealChange, publishDealUpdated } from "./events";
import { lockDealInPipelineOrder } from "./lock-deal";
import { pickLostReason } from "./lost-reasons";
import type { Deal, DealStatus, DealView, FieldChange, Pipeline } from "./model";
import type { DealPatch, DealsDeps, DealsRepos, NewDealActivity } from "./ports";
import { findStage } from "./stage";
import { changeDealStatus, type PickedLostReason } from "./status";

export interface UpdateDealInput {
  title?: string | undefined;
  contactId?: string | undefined;
  /** moving to another pipeline needs `stage` too */
  pipelineId?: string | undefined;
  /** the id of the stage to move the deal to */
  stage?: string | undefined;
  /** without a currency, the deal keeps its currency */
  value?: DealValueInput | undefined;
  assigneeId?: string | null | undefined;
  expectedCloseDate?: string | null | undefined;
  status?: DealStatus | undefined;
  /** required when the deal becomes lost, unless `lostReasonId` is given */
  lostReason?: string | undefined;
  /** a predefined reason of the organization, not archived; its name is the text when lostReason is absent */
  lostReasonId?: string | undefined;
  /** write only if the deal is still at this version (see `assertUnchanged`) */
  expectedUpdatedAt?: Date | undefined;
}

export interface Edits {
  patch: DealPatch;
  changes: DealChange[];
  /** system activities, as type and data */
  activities: Array<Pick<NewDealActivity, "type" | "data">>;
}

/**
 * Edits, moves, wins, loses or reopens a deal. A move, a status change, a new contact and an edit of the title,
 * value, expected close date or owner each write their system activity in the same transaction; `deal_updated`
 * says what changed, after commit.
 */
export async function updateDeal(
  deps: DealsDeps,
  actor: Actor,
  id: string,
  input: UpdateDealInput,
): Promise<DealView> {
  const organizationId = actor.organizationId;
  const fields = parseFields(input);
  const now = deps.clock.now();

  const { deal, pipeline, changes } = await deps.store.transaction(async (repos) => {
    const { deal, current } = await lockDeal(repos, organizationId, id);
    assertUnchanged("deal", deal, input);
    const edits: Edits = { patch: {}, changes: [], activities: [] };
    const pipeline = await move(repos, organizationId, deal, current, input, edits, now);
    await assertReferences(repos, organizationId, fields);
    editDealFields(deal, { ...fields, value: input.value }, edits);
    const picked =
      input.lostReasonId === undefined
        ? undefined
        : await pickLostReason(repos, organizationId, input.lostReasonId);
    const status = changeDealStatus(deal, input.status, input.lostReason, now, picked);
    if (status) {
      const { activity, ...statusFields } = status;
      Object.assign(edits.patch, statusFields);
      edits.changes.push(activity ? "status" : "lostReason");
      if (activity) {
        edits.activities.push({
          type: activity,
          data: activity === "lost" ? lostActivityData(status.lostReason, picked) : {},
        });
      }
    }

    if (edits.changes.length === 0) return { deal, pipeline, changes: edits.changes };
    const updated = await repos.deals.update(organizationId, id, edits.patch, now);
    await repos.activities.createMany(
      organizationId,
      edits.activities.map((activity) => ({
        ...activity,
        dealId: deal.id,
        content: null,
        dueAt: null,
        ...activityActor(actor),
        createdAt: now,
      })),
    );
    return { deal: updated, pipeline, changes: edits.changes };
  });

  if (changes.length > 0) {
    await publishDealUpdated(
      deps.events,
      organizationId,
      { dealId: deal.id, pipelineId: deal.pipelineId, stage: deal.stageId, status: deal.status, changes },
      now,
    );
  }
  return dealView(deal, pipeline, now);
}

/** The reason's id and name as it was named then, when one was picked. */
const lostActivityData = (lostReason: string | null, picked: PickedLostReason | undefined) =>
  picked ? { lostReason, lostReasonId: picked.id, lostReasonName: picked.name } : { lostReason };

function parseFields(input: UpdateDealInput) {
  const { title, contactId, assigneeId, expectedCloseDate } = input;
  return {
    title: title === undefined ? undefined : parseName(title, "title", maxDealTitleLength),
    contactId: contactId === undefined ? undefined : parseId(contactId, "contactId"),
    assigneeId: assigneeId ? parseId(assigneeId, "assigneeId") : assigneeId,
    expectedCloseDate: expectedCloseDate
      ? parseCalendarDate(expectedCloseDate, "expectedCloseDate")
      : expectedCloseDate,
  };
}

async function lockDeal(
  repos: DealsRepos,
  organizationId: string,
  id: string,
): Promise<{ deal: Deal; current: Pipeline | undefined }> {
  const locked = await lockDealInPipelineOrder(repos, organizationId, id);
  if (!locked) throw notFound("Deal");
  return { deal: locked.deal, current: locked.pipeline };
}

/** Resolves the target stage (locking its pipeline against stage edits) and records a move; returns the deal's pipeline after it. */
async function move(
  repos: DealsRepos,
  organizationId: string,
  deal: Deal,
  current: Pipeline | undefined,
  input: Pick<UpdateDealInput, "pipelineId" | "stage">,
  edits: Edits,
  now: Date,
): Promise<Pipeline | undefined> {
  const pipelineId =
    input.pipelineId === undefined ? deal.pipelineId : parseId(input.pipelineId, "pipelineId");
  let pipeline = current;
  if (pipelineId !== deal.pipelineId) {
    pipeline = await repos.pipelines.findById(organizationId, pipelineId, "share");
    if (!pipeline) throw notFound("Pipeline");
    if (input.stage === undefined) {
      throw validationFailed("stage", "Moving a deal to another pipeline needs the stage to put it in");
    }
  }
  if (input.stage === undefined) return pipeline;
  const stage = pipeline && findStage(pipeline.stages, input.stage);
  if (!pipeline || !stage) throw unknownStage();
  if (stage.id === deal.stageId && pipeline.id === deal.pipelineId) return pipeline;

  Object.assign(edits.patch, {
    pipelineId: pipeline.id,
    stageId: stage.id,
    stageEnteredAt: now.toISOString(),
  });
  if (pipeline.id !== deal.pipelineId) edits.changes.push("pipeline");
  edits.changes.push("stage");
  const from = current && findStage(current.stages, deal.stageId);
  edits.activities.push({
    type: "stage_changed",
    data: {
      from: {
        pipelineId: deal.pipelineId,
        pipelineName: current?.name ?? null,
        stageId: deal.stageId,
        stageName: from?.name ?? null,
      },
      to: { pipelineId: pipeline.id, pipelineName: pipeline.name, stageId: stage.id, stageName: stage.name },
    },
  });
  return pipeline;
}

type EditedFields = ReturnType<typeof parseFields> & { value: DealValueInput | undefined };

/**
 * Records the plain field edits that change something. The contact has its own `contact_changed` activity (merges
 * and deletions write it too); title, value, expected close date and owner are audited together, one
 * `fields_changed` activity per edit listing each field's old and new value.
 */
export function editDealFields(deal: Deal, fields: EditedFields, edits: Edits): void {
  const { patch, changes } = edits;
  const audited: FieldChange[] = [];
  if (fields.title !== undefined && fields.title !== deal.title) {
    patch.title = fields.title;
    changes.push("title");
    audited.push({ field: "title", from: deal.title, to: fields.title });
  }
  if (fields.contactId !== undefined && fields.contactId !== deal.contactId) {
    patch.contactId = fields.contactId;
    changes.push("contact");
    edits.activities.push({
      type: "contact_changed",
      data: { fromContactId: deal.contactId, toContactId: fields.contactId },
    });
  }
  if (fields.value !== undefined) {
    const value = parseDealValue(fields.value, deal.value.currency);
    if (!sameMoney(value, deal.value)) {
      patch.value = value;
      changes.push("value");
      audited.push({ field: "value", from: deal.value, to: value });
    }
  }
  if (fields.expectedCloseDate !== undefined && fields.expectedCloseDate !== deal.expectedCloseDate) {
    patch.expectedCloseDate = fields.expectedCloseDate;
    changes.push("expectedCloseDate");
    audited.push({ field: "expectedCloseDate", from: deal.expectedCloseDate, to: fields.expectedCloseDate });
  }
  if (fields.assigneeId !== undefined && fields.assigneeId !== deal.assigneeId) {
    patch.assigneeId = fields.assigneeId;
    changes.push("assignee");
    audited.push({ field: "assigneeId", from: deal.assigneeId, to: fields.assigneeId });
  }
  if (audited.length > 0) edits.activities.push({ type: "fields_changed", data: { changes: audited } });
}

const sameMoney = (a: Money, b: Money) => a.amount === b.amount && a.currency === b.currency;
