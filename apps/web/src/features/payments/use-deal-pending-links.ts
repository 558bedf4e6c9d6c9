import { useQuery } from "@tanstack/react-query";
import type { Money } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { pendingLinks } from "./payment-link-input";

/**
 * The deal's links sent and not paid yet (the first 100), so a new link neither ignores them nor charges the
 * customer twice. Under the payments key: a link created, paid or expired marks it stale with the lists.
 */
export function useDealPendingLinks(deal: { id: string; value: Money }) {
  const trpc = useTRPC();
  const pending = useQuery(
    trpc.payments.list.queryOptions({ dealId: deal.id, status: "pending", limit: 100 }),
  );
  return { query: pending, pending: pending.data ? pendingLinks(deal.value, pending.data.items) : null };
}
