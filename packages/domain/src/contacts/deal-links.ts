import type { Actor } from "../auth/model";
import { activityActor } from "../deals/actor";
import { publishDealUpdated } from "../deals/events";
import type { ContactsDeps, ContactsRepos, MovedContactDeal } from "./ports";

export interface DealContactChange {
  fromContactId: string;
  /** null: the deal is left without a contact */
  toContactId: string | null;
  reason: "contact_merged" | "contact_deleted";
}

/** A `contact_changed` activity on each deal whose contact a merge or a deletion changed; in its transaction. */
export async function recordDealContactChanges(
  repos: Pick<ContactsRepos, "dealActivities">,
  actor: Actor,
  deals: readonly MovedContactDeal[],
  change: DealContactChange,
  at: Date,
): Promise<void> {
  await repos.dealActivities.createMany(
    actor.organizationId,
    deals.map((deal) => ({
      dealId: deal.id,
      type: "contact_changed" as const,
      content: null,
      data: { ...change },
      dueAt: null,
      ...activityActor(actor),
      createdAt: at,
    })),
  );
}

/** `deal_updated` for each of those deals; after the commit. */
export async function publishDealContactChanges(
  deps: Pick<ContactsDeps, "events">,
  organizationId: string,
  deals: readonly MovedContactDeal[],
  at: Date,
): Promise<void> {
  for (const deal of deals) {
    await publishDealUpdated(
      deps.events,
      organizationId,
      {
        dealId: deal.id,
        pipelineId: deal.pipelineId,
        stage: deal.stageId,
        status: deal.status,
        changes: ["contact"],
      },
      at,
    );
  }
}
