import type { Actor } from "../auth/model";
import { notFound, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { parseName } from "../shared/names";
import { activityActor } from "./actor";
import { type DealValueInput, maxDealTitleLength, parseCalendarDate, parseDealValue } from "./deal-input";
import { dealView } from "./deal-view";
import { publishDealUpdated } from "./events";
import type { DealView } from "./model";
import type { DealsDeps, DealsRepos } from "./ports";
import { findStage } from "./stage";

export interface CreateDealInput {
  title: string;
  contactId: string;
  pipelineId: string;
  /** the stage's id */
  stage: string;
  /** without a currency, the organization's default currency */
  value: DealValueInput;
  assigneeId?: string | null | undefined;
  expectedCloseDate?: string | null | undefined;
}

/** Creates an open deal and its "created" activity; every id must belong to the caller's organization. */
export async function createDeal(deps: DealsDeps, actor: Actor, input: CreateDealInput): Promise<DealView> {
  const organizationId = actor.organizationId;
  const title = parseName(input.title, "title", maxDealTitleLength);
  const contactId = parseId(input.contactId, "contactId");
  const pipelineId = parseId(input.pipelineId, "pipelineId");
  const assigneeId = input.assigneeId ? parseId(input.assigneeId, "assigneeId") : null;
  const expectedCloseDate = input.expectedCloseDate
    ? parseCalendarDate(input.expectedCloseDate, "expectedCloseDate")
    : null;
  const givenValue = input.value.currency ? parseDealValue(input.value, input.value.currency) : undefined;
  const now = deps.clock.now();

  const { deal, pipeline } = await deps.store.transaction(async (repos) => {
    const pipeline = await repos.pipelines.findById(organizationId, pipelineId, "share");
    if (!pipeline) throw notFound("Pipeline");
    const stage = findStage(pipeline.stages, input.stage);
    if (!stage) throw unknownStage();
    await assertReferences(repos, organizationId, { contactId, assigneeId });
    const value =
      givenValue ?? parseDealValue(input.value, await repos.references.defaultCurrency(organizationId));
    const deal = await repos.deals.create(
      organizationId,
      { title, contactId, pipelineId, stageId: stage.id, value, assigneeId, expectedCloseDate },
      now,
    );
    await repos.activities.create(organizationId, {
      dealId: deal.id,
      type: "created",
      content: null,
      data: { pipelineId, stageId: stage.id, stageName: stage.name, value },
      dueAt: null,
      ...activityActor(actor),
      createdAt: now,
    });
    return { deal, pipeline };
  });
  await publishDealUpdated(
    deps.events,
    organizationId,
    { dealId: deal.id, pipelineId, stage: deal.stageId, status: deal.status, changes: ["created"] },
    now,
  );
  return dealView(deal, pipeline, now);
}

export const unknownStage = () => validationFailed("stage", "This pipeline has no stage with this id");

/** Ids of another organization answer 404, as if they did not exist. */
export async function assertReferences(
  repos: DealsRepos,
  organizationId: string,
  ids: { contactId?: string | undefined; assigneeId?: string | null | undefined },
): Promise<void> {
  if (ids.contactId && !(await repos.references.contactExists(organizationId, ids.contactId))) {
    throw notFound("Contact");
  }
  if (ids.assigneeId && !(await repos.references.userExists(organizationId, ids.assigneeId))) {
    throw notFound("Assignee");
  }
}
