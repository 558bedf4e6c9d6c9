import { useQuery } from "@tanstack/react-query";
import type { Money } from "../../lib/money";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import type { Payment } from "./payment-filters";
import { dealBalance } from "./payment-link-input";

/**
 * The deal's paid links, every page of them, so the link form can charge only what is left after a deposit. Under
 * the payments key: a payment created, paid or refunded marks it stale with the lists.
 */
export function useDealBalance(deal: { id: string; value: Money }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const paid = useQuery({
    queryKey: [...trpc.payments.pathKey(), "paidOfDeal", deal.id],
    queryFn: async () => {
      const items: Payment[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.payments.list.query({
          dealId: deal.id,
          status: "paid",
          limit: 100,
          cursor,
        });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return items;
    },
  });
  return { query: paid, balance: paid.data ? dealBalance(deal.value, paid.data) : null };
}
