import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect } from "react";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button, buttonClasses } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Loading } from "../../components/ui/loading";
import { ProgressBar } from "../../components/ui/progress-bar";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { ImportRowsList } from "./import-rows-list";
import {
  type ContactImport,
  describeIgnoredColumns,
  describeImportFailure,
  fieldLabelsOf,
  importPollInterval,
  importProgress,
  importStatusLabels,
  isImportFinished,
  isImportGone,
} from "./import-state";
import { useCustomFields } from "./use-contact-options";

/** `onRestart` offers another import; left out for a role that may follow imports but not start one. */
export function ImportProgress({ importId, onRestart }: { importId: string; onRestart?: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery({
    ...trpc.contacts.getImport.queryOptions({ id: importId }),
    refetchInterval: (query) => importPollInterval(query.state.data, query.state.error),
  });
  const finished = job.data ? isImportFinished(job.data) : false;

  // New contacts exist once the job is done: lists must not show the old page.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.contacts.list.pathKey() });
  }, [finished, queryClient, trpc]);

  if (job.isPending) return <Loading />;
  // an unknown id in the address, or deleted while followed: its last counts would never move again
  if (isImportGone(job.error)) {
    return (
      <div className="space-y-4">
        <Alert tone="error">{t("contacts.import.gone")}</Alert>
        <ImportActions onRestart={onRestart} />
      </div>
    );
  }
  if (job.isLoadingError) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data;
  const ignored = data.status === "completed" ? describeIgnoredColumns(t, data) : null;

  return (
    <div className="space-y-6">
      <RefreshFailedNotice query={job} />
      <Card
        title={t("contacts.import.progressTitle")}
        actions={<Badge tone={statusTone(data.status)}>{t(importStatusLabels[data.status])}</Badge>}
      >
        <div className="space-y-4">
          <ProgressBar
            label={t("contacts.import.progressLabel")}
            value={importProgress(data)}
            tone={data.status === "failed" ? "danger" : data.status === "completed" ? "success" : "accent"}
          />
          <p className="text-sm text-slate-600" aria-live="polite">
            {data.total === null
              ? t("contacts.import.reading")
              : t("contacts.import.processed", {
                  processed: data.processed,
                  total: data.total,
                  count: data.total,
                })}
          </p>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
            <ImportCount
              label={t("contacts.import.outcome.created")}
              value={data.created}
              tone="text-emerald-600"
            />
            <ImportCount
              label={t("contacts.import.outcome.updated")}
              value={data.updated}
              tone="text-indigo-600"
            />
            <ImportCount
              label={t("contacts.import.outcome.unchanged")}
              value={data.unchanged}
              tone="text-slate-600"
            />
            <ImportCount
              label={t("contacts.import.outcome.skipped")}
              value={data.skipped}
              tone="text-slate-600"
            />
            <ImportCount label={t("contacts.import.outcome.error")} value={data.failed} tone="text-red-600" />
          </dl>
          {data.status === "failed" && (
            <Alert tone="error">
              <p>{describeImportFailure(t, data)}</p>
              {data.errorReason && <p className="mt-1">{t("contacts.import.failedHint")}</p>}
            </Alert>
          )}
          {ignored && <Alert tone="info">{ignored}</Alert>}
        </div>
        {finished && (
          <div className="mt-6 border-t border-slate-200 pt-5">
            <ImportActions onRestart={onRestart} />
          </div>
        )}
      </Card>
      {finished && data.status === "completed" && <ImportReport importId={importId} job={data} />}
    </div>
  );
}

/** Once an import is over (or gone): another one, or the contacts. */
function ImportActions({ onRestart }: { onRestart: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap justify-end gap-3">
      {onRestart && (
        <Button variant="secondary" onClick={onRestart}>
          {t("contacts.import.another")}
        </Button>
      )}
      <Link to="/contacts" className={buttonClasses("primary")}>
        {t("contacts.import.toContacts")}
      </Link>
    </div>
  );
}

function statusTone(status: ContactImport["status"]) {
  if (status === "completed") return "success";
  if (status === "failed") return "danger";
  return "accent";
}

/** One of an import's totals. */
export function ImportCount({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200 ring-inset">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{value}</dd>
    </div>
  );
}

function ImportReport({ importId, job }: { importId: string; job: ContactImport }) {
  const { t } = useI18n();
  const labels = fieldLabelsOf(useCustomFields().data?.items ?? []);
  const total = job.total ?? job.processed;
  return (
    <Card
      title={t("contacts.import.reportTitle")}
      description={t("contacts.import.reportDescription", { total, count: total })}
    >
      <ImportRowsList importId={importId} caption={t("contacts.import.reportTitle")} labels={labels} />
    </Card>
  );
}
