import type { Actor } from "../auth/model";
import { DomainError, notFound } from "../shared/errors";
import { assertUnchanged, type Precondition } from "../shared/record-version";
import { publishDealUpdated } from "./events";
import type { DealsDeps } from "./ports";

/**
 * A deal with payment links a customer could still pay is kept: a payment arriving after the deal is gone would
 * be recorded on no deal, winning nothing, with no activity. The API expires them at the provider first
 * (`expireDealPaymentLinks`); this guards a link made meanwhile, and any other caller.
 */
const pendingLinksConflict = (count: number) =>
  new DomainError(
    "CONFLICT",
    `The deal has ${count} pending payment link${count === 1 ? "" : "s"} a customer could still pay: expire ` +
      "them first (deleting the deal again does), or mark the deal lost instead of deleting it",
    { pendingPaymentLinks: count },
  );

/**
 * Deletes a deal with its activities; its payments stay, paid or not, without a deal. Refused (409) while it has
 * pending payment links.
 */
export async function deleteDeal(
  deps: DealsDeps,
  actor: Actor,
  id: string,
  precondition: Precondition = {},
): Promise<void> {
  const now = deps.clock.now();
  const deal = await deps.store.transaction(async (repos) => {
    const deal = await repos.deals.findById(actor.organizationId, id, "update");
    if (deal) assertUnchanged("deal", deal, precondition);
    if (deal) {
      const pending = await repos.deals.countPendingPayments(actor.organizationId, deal.id);
      if (pending > 0) throw pendingLinksConflict(pending);
    }
    if (!deal || !(await repos.deals.remove(actor.organizationId, id))) throw notFound("Deal");
    return deal;
  });
  await publishDealUpdated(
    deps.events,
    actor.organizationId,
    {
      dealId: deal.id,
      pipelineId: deal.pipelineId,
      stage: deal.stageId,
      status: deal.status,
      changes: ["deleted"],
    },
    now,
  );
}
