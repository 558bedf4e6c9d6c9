import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import type { Payment } from "./payment-filters";

/** After a payment was created, refunded or sent: refresh the lists and the deal it belongs to. */
export function usePaymentChanged() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (payment: Pick<Payment, "dealId">) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() }),
      ...(payment.dealId
        ? [
            queryClient.invalidateQueries({ queryKey: trpc.deals.get.queryKey({ id: payment.dealId }) }),
            queryClient.invalidateQueries({
              queryKey: trpc.deals.activities.infiniteQueryKey({ id: payment.dealId }),
            }),
          ]
        : []),
    ]);
}
