import type { Actor } from "../auth/model";
import { notFound, validationFailed } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import { activityActor } from "./actor";
import { schedulableActivityTypes } from "./agenda";
import { requiredText } from "./deal-input";
import { publishDealUpdated } from "./events";
import type { Deal, DealActivity, UserActivityType } from "./model";
import type { DealsDeps, DealsRepos, DealsRowLock } from "./ports";

export const maxActivityContentLength = 10_000;
const schedulable = schedulableActivityTypes;

export interface AddActivityInput {
  type: UserActivityType;
  content: string;
  dueAt?: Date | null | undefined;
}

export async function addDealActivity(
  deps: DealsDeps,
  actor: Actor,
  dealId: string,
  input: AddActivityInput,
): Promise<DealActivity> {
  const content = requiredText(input.content, "content", maxActivityContentLength);
  const dueAt = input.dueAt ?? null;
  if (dueAt && !schedulable.includes(input.type)) {
    throw validationFailed("dueAt", "Only tasks, calls and meetings have a due date");
  }
  const now = deps.clock.now();
  const { deal, activity } = await deps.store.transaction(async (repos) => {
    const deal = await existingDeal(repos, actor.organizationId, dealId, "share");
    const activity = await repos.activities.create(actor.organizationId, {
      dealId: deal.id,
      type: input.type,
      content,
      data: {},
      dueAt,
      ...activityActor(actor),
      createdAt: now,
    });
    return { deal, activity };
  });
  await announceActivity(deps, deal, now);
  return activity;
}

/** Newest first. */
export async function listDealActivities(
  deps: DealsDeps,
  actor: Actor,
  dealId: string,
  page: PageRequest,
): Promise<Page<DealActivity>> {
  await existingDeal(deps.store, actor.organizationId, dealId, undefined);
  return deps.store.activities.list(actor.organizationId, dealId, page);
}

/** Marks a task, call or meeting done (or not done again). */
export async function setDealActivityDone(
  deps: DealsDeps,
  actor: Actor,
  dealId: string,
  activityId: string,
  done: boolean,
): Promise<DealActivity> {
  const now = deps.clock.now();
  const { deal, activity, changed } = await deps.store.transaction(async (repos) => {
    const deal = await existingDeal(repos, actor.organizationId, dealId, "share");
    const found = await repos.activities.findById(actor.organizationId, deal.id, activityId);
    if (!found) throw notFound("Activity");
    if (!(schedulable as readonly string[]).includes(found.type)) {
      throw validationFailed("done", "Only tasks, calls and meetings can be marked done");
    }
    if ((found.doneAt !== null) === done) return { deal, activity: found, changed: false };
    const activity = await repos.activities.setDone(
      actor.organizationId,
      deal.id,
      found.id,
      done ? now : null,
    );
    return { deal, activity, changed: true };
  });
  if (changed) await announceActivity(deps, deal, now);
  return activity;
}

async function existingDeal(
  repos: Pick<DealsRepos, "deals">,
  organizationId: string,
  dealId: string,
  lock: DealsRowLock | undefined,
): Promise<Deal> {
  // writers take a share lock: the deal cannot be deleted under its new activity
  const deal = await repos.deals.findById(organizationId, dealId, lock);
  if (!deal) throw notFound("Deal");
  return deal;
}

const announceActivity = (deps: DealsDeps, deal: Deal, at: Date) =>
  publishDealUpdated(
    deps.events,
    deal.organizationId,
    {
      dealId: deal.id,
      pipelineId: deal.pipelineId,
      stage: deal.stageId,
      status: deal.status,
      changes: ["activity"],
    },
    at,
  );
