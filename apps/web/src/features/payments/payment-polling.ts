import type { Payment } from "./payment-filters";

/** How often a list with a pending payment asks again, until the provider's webhook has settled it. */
export const pendingPollMs = 5_000;

export const hasPending = (payments: readonly Pick<Payment, "status">[]): boolean =>
  payments.some((payment) => payment.status === "pending");

/** A refetchInterval for lists of payments: poll while one is pending, stop once none is. */
export function pollWhilePending(
  pages: ReadonlyArray<{ items: readonly Pick<Payment, "status">[] }> | undefined,
) {
  return pages && hasPending(pages.flatMap((page) => page.items)) ? pendingPollMs : false;
}
