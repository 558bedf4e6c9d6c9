import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { useI18n } from "../../i18n/i18n-provider";
import { errorCodeOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import type { Deal } from "./use-deal-cache";

interface DeleteDealDialogProps {
  deal: Pick<Deal, "id" | "title">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** After the deal is gone, before its page's data is dropped (leave its page). */
  onDeleted: () => unknown;
}

/** Refusals that leave the deal in place for a reason the user can act on: the API says which link and why. */
const refusals = {
  CONFLICT: "deals.delete.paymentsAwaiting",
  PROVIDER_ERROR: "deals.delete.linksNotCancelled",
} as const;

/** Every pending payment link of the deal, page after page: what deleting it cancels at the provider first. */
function usePendingLinks(dealId: string, enabled: boolean) {
  const trpc = useTRPC();
  const pending = useInfiniteQuery({
    ...trpc.payments.list.infiniteQueryOptions(
      { dealId, status: "pending", limit: 100 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    enabled,
    staleTime: 0,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pending;
  useEffect(() => {
    if (enabled && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [enabled, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const count =
    !pending.data || hasNextPage
      ? undefined
      : pending.data.pages.reduce((sum, page) => sum + page.items.length, 0);
  return { count, error: pending.error, checking: count === undefined && !pending.isError };
}

/**
 * Asks before deleting a deal. Its pending payment links are cancelled at the provider first (by the API), so
 * the question says how many; when the API refuses (a link awaits the customer, or the provider could not
 * cancel one), the dialog stays open on the deal and shows why.
 */
export function DeleteDealDialog({ deal, open, onOpenChange, onDeleted }: DeleteDealDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pendingLinks = usePendingLinks(deal.id, open);
  const remove = useMutation(
    trpc.deals.remove.mutationOptions({
      onSuccess: async () => {
        onOpenChange(false);
        await onDeleted();
        queryClient.removeQueries({ queryKey: trpc.deals.get.queryKey({ id: deal.id }) });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.pipelines.board.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.deals.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() }),
        ]);
      },
      // links the provider did cancel are no longer pending, and each left an activity on the deal
      onError: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.payments.pathKey() }),
          queryClient.invalidateQueries({
            queryKey: trpc.deals.activities.infiniteQueryKey({ id: deal.id }),
          }),
        ]),
    }),
  );
  const refusal = remove.error && errorCodeOf(remove.error);
  const description = pendingLinks.checking
    ? t("deals.delete.checkingLinks")
    : pendingLinks.count === undefined
      ? t("deals.delete.linksUnknown")
      : pendingLinks.count === 0
        ? t("deals.delete.description")
        : t("deals.delete.paymentLinks", { count: pendingLinks.count });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) remove.reset();
        onOpenChange(next);
      }}
      title={t("deals.delete.title", { title: deal.title })}
      description={description}
      confirmLabel={t("deals.delete.confirm")}
      pending={remove.isPending || pendingLinks.checking}
      error={remove.error ?? pendingLinks.error}
      errorOverrides={refusals}
      errorDetail={
        refusal && refusal in refusals && remove.error
          ? t("deals.delete.serverAnswer", { message: remove.error.message })
          : undefined
      }
      onConfirm={() => remove.mutate({ id: deal.id })}
    />
  );
}
