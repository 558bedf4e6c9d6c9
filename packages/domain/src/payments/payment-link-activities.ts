import type { Actor } from "../auth/model";
import { publishDealUpdated } from "../deals/events";
import type { Deal } from "../deals/model";
import type { DealActivityRepository, NewDealActivity } from "../deals/ports";
import type { Payment } from "./model";
import type { PaymentsDeps } from "./ports";

const linkActivity = (
  actor: Actor,
  dealId: string,
  type: "payment_link_created" | "payment_link_sent",
  data: Record<string, unknown>,
  at: Date,
): NewDealActivity => ({
  dealId,
  type,
  content: null,
  data,
  dueAt: null,
  actorId: actor.kind === "user" ? actor.userId : null,
  apiKeyId: actor.kind === "apiKey" ? actor.apiKeyId : null,
  createdAt: at,
});

const linkFacts = (payment: Payment) => ({
  paymentId: payment.id,
  provider: payment.provider,
  amount: payment.amount.amount,
  currency: payment.amount.currency,
});

/** Written in the transaction that stores the new link. */
export const recordLinkCreated = (
  activities: DealActivityRepository,
  actor: Actor,
  payment: Payment,
): Promise<unknown> =>
  payment.dealId === null
    ? Promise.resolve()
    : activities.create(
        actor.organizationId,
        linkActivity(actor, payment.dealId, "payment_link_created", linkFacts(payment), payment.createdAt),
      );

/** Open deal pages read the timeline again. Call after the activity is committed. */
export const announceLinkActivity = (deps: Pick<PaymentsDeps, "events">, deal: Deal, at: Date) =>
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

/**
 * The link went into a conversation: the message is stored and queued by then (the conversation shows whether the
 * channel took it), so the timeline says it was sent, and where.
 */
export async function recordLinkSent(
  deps: PaymentsDeps,
  actor: Actor,
  payment: Payment,
  conversationId: string,
  messageId: string,
): Promise<void> {
  if (payment.dealId === null) return;
  const deal = await deps.store.deals.findById(actor.organizationId, payment.dealId);
  if (!deal) return;
  const now = deps.clock.now();
  await deps.store.activities.create(
    actor.organizationId,
    linkActivity(
      actor,
      deal.id,
      "payment_link_sent",
      { ...linkFacts(payment), conversationId, messageId },
      now,
    ),
  );
  await announceLinkActivity(deps, deal, now);
}
