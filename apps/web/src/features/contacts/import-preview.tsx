import { useQuery } from "@tanstack/react-query";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Loading } from "../../components/ui/loading";
import { ProgressBar } from "../../components/ui/progress-bar";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { useTRPC } from "../../lib/trpc";
import { ImportCount } from "./import-progress";
import { ImportRowsList } from "./import-rows-list";
import {
  describeIgnoredColumns,
  describeImportFailure,
  type FieldLabels,
  fieldLabelsOf,
  importPollInterval,
  importProgress,
  isImportFinished,
  isImportGone,
  previewTotals,
} from "./import-state";
import { useCustomFields } from "./use-contact-options";

const totalTones: Record<string, string> = {
  created: "text-emerald-600",
  updated: "text-indigo-600",
  unchanged: "text-slate-600",
  skipped: "text-slate-600",
  error: "text-red-600",
};

/**
 * A preview (dry run) of an import: what the import would do with the file, its totals and the rows it would
 * skip or fail, with their reasons. `onImport` confirms it (the import of the file the preview kept, with its
 * mode), offered once the preview is complete.
 */
export function ImportPreview({
  previewId,
  onImport,
  importing,
}: {
  previewId: string;
  onImport: () => void;
  importing: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const labels = fieldLabelsOf(useCustomFields().data?.items ?? []);
  const job = useQuery({
    ...trpc.contacts.getImport.queryOptions({ id: previewId }),
    refetchInterval: (query) => importPollInterval(query.state.data, query.state.error),
  });

  if (job.isPending) return <Loading />;
  // deleted by the daily retention while the page stayed open: what it showed can no longer be imported
  if (isImportGone(job.error))
    return <Alert tone="error">{t("contacts.import.confirm.preview_expired")}</Alert>;
  if (job.isLoadingError) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data;
  const finished = isImportFinished(data);
  const ignored = data.status === "completed" ? describeIgnoredColumns(t, data) : null;

  return (
    <section aria-labelledby="import-preview-title" className="space-y-6">
      <RefreshFailedNotice query={job} />
      <Card>
        <h2 id="import-preview-title" className="text-base font-semibold text-slate-900">
          {t("contacts.import.preview.title")}
        </h2>
        <p className="mt-1 mb-5 text-sm text-slate-500">{t("contacts.import.preview.description")}</p>
        {!finished && (
          <ProgressBar label={t("contacts.import.preview.progressLabel")} value={importProgress(data)} />
        )}
        {data.status === "failed" && (
          <Alert tone="error">
            <p>{describeImportFailure(t, data)}</p>
            {data.errorReason && <p className="mt-1">{t("contacts.import.failedHint")}</p>}
          </Alert>
        )}
        {data.status === "completed" && (
          <>
            {ignored && (
              <Alert tone="info" className="mb-5">
                {ignored}
              </Alert>
            )}
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-live="polite">
              {previewTotals(data).map((total) => (
                <ImportCount
                  key={total.label}
                  label={t(total.label)}
                  value={total.value}
                  tone={totalTones[total.outcome] ?? "text-slate-600"}
                />
              ))}
            </dl>
            <div className="mt-6 flex justify-end border-t border-slate-200 pt-5">
              <Button onClick={onImport} loading={importing}>
                {t("contacts.import.preview.import")}
              </Button>
            </div>
          </>
        )}
      </Card>
      {data.status === "completed" && data.warned > 0 && (
        <PreviewRows
          previewId={previewId}
          outcome="warned"
          title="contacts.import.preview.warnedRows"
          labels={labels}
        />
      )}
      {data.status === "completed" &&
        (data.failed === 0 && data.skipped === 0 ? (
          <Alert tone="success">{t("contacts.import.preview.noProblems")}</Alert>
        ) : (
          <>
            {data.failed > 0 && (
              <PreviewRows
                previewId={previewId}
                outcome="error"
                title="contacts.import.preview.errorRows"
                labels={labels}
              />
            )}
            {data.skipped > 0 && (
              <PreviewRows
                previewId={previewId}
                outcome="skipped"
                title="contacts.import.preview.skippedRows"
                labels={labels}
              />
            )}
          </>
        ))}
    </section>
  );
}

function PreviewRows({
  previewId,
  outcome,
  title,
  labels,
}: {
  previewId: string;
  outcome: "error" | "skipped" | "warned";
  title: PlainMessageKey;
  labels: FieldLabels;
}) {
  const { t } = useI18n();
  return (
    <Card title={t(title)}>
      <ImportRowsList importId={previewId} outcome={outcome} caption={t(title)} labels={labels} />
    </Card>
  );
}
