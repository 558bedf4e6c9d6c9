import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { Table, Td, Th } from "../../components/ui/table";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";

const statusTones: Record<"pending" | "delivered" | "failed", BadgeTone> = {
  pending: "warning",
  delivered: "success",
  failed: "danger",
};

/** A webhook's deliveries, newest first, with Retry on each. */
export function DeliveriesDialog({
  webhook,
  onClose,
}: {
  webhook: { id: string; url: string } | null;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { id: webhook?.id ?? "", limit: 25 };
  const deliveries = useInfiniteQuery({
    ...trpc.webhooks.deliveries.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }),
    enabled: webhook !== null,
    // pending deliveries move on their own: keep the list current while it is open
    refetchInterval: 3000,
  });
  const retry = useMutation(
    trpc.webhooks.retryDelivery.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() }),
    }),
  );
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Dialog
      open={webhook !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={t("webhooks.deliveries.title", { url: webhook?.url ?? "" })}
      description={t("webhooks.deliveries.description")}
      size="lg"
    >
      <ErrorAlert error={retry.error} className="mb-4" />
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isLoadingError ? (
        <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("webhooks.deliveries.empty")}</p>
      ) : (
        <>
          <Table
            caption={t("webhooks.deliveries")}
            head={
              <>
                <Th>{t("webhooks.deliveries.event")}</Th>
                <Th>{t("webhooks.deliveries.status")}</Th>
                <Th>{t("webhooks.deliveries.attempts")}</Th>
                <Th>{t("webhooks.deliveries.result")}</Th>
                <Th>{t("webhooks.deliveries.createdAt")}</Th>
              </>
            }
          >
            {items.map((delivery) => (
              <tr key={delivery.id}>
                <Td>
                  <code className="font-mono text-xs">{delivery.eventType}</code>
                </Td>
                <Td>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={statusTones[delivery.status]}>
                      {t(`webhooks.status.${delivery.status}`)}
                    </Badge>
                    {delivery.status !== "pending" && webhook && (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={t("webhooks.deliveries.retryLabel", {
                          event: delivery.eventType,
                          time: formatDateTime(delivery.createdAt, locale),
                        })}
                        loading={retry.isPending && retry.variables?.deliveryId === delivery.id}
                        onClick={() => retry.mutate({ id: webhook.id, deliveryId: delivery.id })}
                      >
                        {t("webhooks.deliveries.retry")}
                      </Button>
                    )}
                  </div>
                </Td>
                <Td>{delivery.attempts}</Td>
                <Td className="max-w-56 text-slate-600">
                  <span className="block truncate" title={delivery.lastError ?? undefined}>
                    {delivery.lastStatusCode ?? delivery.lastError ?? "—"}
                  </span>
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  {formatDateTime(delivery.createdAt, locale)}
                </Td>
              </tr>
            ))}
          </Table>
          <LoadMore {...deliveries} />
        </>
      )}
    </Dialog>
  );
}
