import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { FilterSelect } from "../../components/ui/filter-select";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { Table, Td, Th } from "../../components/ui/table";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { type Integration, type WebhookLogStatus, webhookLogStatuses } from "./use-integrations";
import {
  canRetry,
  eventSummary,
  logStatusLabels,
  logStatusTones,
  pollWhileInFlight,
} from "./webhook-log-labels";

interface WebhookLogDialogProps {
  integration: Integration | null;
  onClose: () => void;
}

export function WebhookLogDialog({ integration, onClose }: WebhookLogDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={integration !== null}
      onOpenChange={(open) => !open && onClose()}
      size="lg"
      title={integration ? t("integrations.logs.title", { name: integration.name }) : ""}
      description={t("integrations.logs.description")}
    >
      {integration && <WebhookLogTable key={integration.id} integrationId={integration.id} />}
    </Dialog>
  );
}

const pageSize = 20;

function WebhookLogTable({ integrationId }: { integrationId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<WebhookLogStatus | undefined>(undefined);
  const logs = useInfiniteQuery(
    trpc.integrations.webhookLogs.infiniteQueryOptions(
      { id: integrationId, status, limit: pageSize },
      {
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
        refetchInterval: (query) => pollWhileInFlight(query.state.data?.pages),
      },
    ),
  );
  const retry = useMutation(
    trpc.integrations.retryWebhookLog.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.integrations.webhookLogs.pathKey() }),
    }),
  );
  const items = logs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="space-y-4">
      <FilterSelect
        label={t("integrations.logs.filter")}
        className="w-48"
        value={status ?? ""}
        onChange={(event) => setStatus(webhookLogStatuses.find((option) => option === event.target.value))}
        options={[
          { value: "", label: t("integrations.logs.allStatuses") },
          ...webhookLogStatuses.map((option) => ({ value: option, label: t(logStatusLabels[option]) })),
        ]}
      />
      <ErrorAlert error={retry.error} />
      {logs.isPending ? (
        <Loading />
      ) : logs.isError ? (
        <QueryError error={logs.error} onRetry={() => void logs.refetch()} />
      ) : items.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">
          {status ? t("integrations.logs.noMatch") : t("integrations.logs.empty")}
        </p>
      ) : (
        <>
          <Table
            caption={t("integrations.logs.caption")}
            head={
              <>
                <Th>{t("integrations.logs.received")}</Th>
                <Th>{t("integrations.logs.status")}</Th>
                <Th>{t("integrations.logs.event")}</Th>
                <Th>{t("integrations.logs.attempts")}</Th>
                <Th>
                  <span className="sr-only">{t("common.actions")}</span>
                </Th>
              </>
            }
          >
            {items.map((log) => {
              const received = formatDateTime(log.createdAt, locale);
              return (
                <tr key={log.id}>
                  <Td className="whitespace-nowrap text-slate-600">{received}</Td>
                  <Td>
                    <Badge tone={logStatusTones[log.status]}>{t(logStatusLabels[log.status])}</Badge>
                  </Td>
                  <Td>
                    <div className="font-mono text-xs text-slate-800">
                      {eventSummary(log)}
                      {log.source === "gateway" && (
                        <span className="ml-1 text-slate-500">({t("integrations.logs.gateway")})</span>
                      )}
                    </div>
                    {log.status === "held" && (
                      <div className="mt-0.5 max-w-72 text-xs text-slate-500">
                        {t("integrations.logs.heldHint")}
                      </div>
                    )}
                    {log.errorMessage && (
                      <div className="mt-0.5 max-w-72 text-xs break-words text-red-700">
                        <span className="sr-only">{t("integrations.logs.error")}: </span>
                        {log.errorMessage}
                      </div>
                    )}
                  </Td>
                  <Td className="text-slate-600 tabular-nums">{log.attempts}</Td>
                  <Td className="text-right">
                    {canRetry(log) && (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={t("integrations.logs.retryLabel", { date: received })}
                        loading={retry.isPending && retry.variables?.logId === log.id}
                        onClick={() => retry.mutate({ id: integrationId, logId: log.id })}
                      >
                        {t("integrations.logs.retry")}
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </Table>
          <LoadMore {...logs} />
        </>
      )}
    </div>
  );
}
