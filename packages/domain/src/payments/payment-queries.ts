import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import type { Payment } from "./model";
import type { PaymentFilter, PaymentsDeps } from "./ports";

export async function getPayment(deps: PaymentsDeps, actor: Actor, id: string): Promise<Payment> {
  const payment = await deps.store.payments.findById(actor.organizationId, id);
  if (!payment) throw notFound("Payment");
  return payment;
}

/** Newest first. */
export const listPayments = (
  deps: PaymentsDeps,
  actor: Actor,
  filter: PaymentFilter,
  page: PageRequest,
): Promise<Page<Payment>> => deps.store.payments.list(actor.organizationId, filter, page);
