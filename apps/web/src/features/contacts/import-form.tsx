import { useMutation } from "@tanstack/react-query";
import { FileSpreadsheet } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { ErrorAlert } from "../../components/ui/error-alert";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { readTextFile } from "../../lib/decode-text";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { importColumnNames, importTemplate } from "./import-columns";
import { ImportPreview } from "./import-preview";
import {
  checkImportFile,
  checkImportText,
  confirmRefusalOf,
  defaultImportMode,
  type ImportMode,
  importModes,
  isPreviewUnusable,
} from "./import-state";
import { useCustomFields } from "./use-contact-options";

export function ImportForm({ onStarted }: { onStarted: (importId: string) => void }) {
  const { t, locale } = useI18n();
  const { organization } = useSession();
  const trpc = useTRPC();
  const fileId = useId();
  const definitions = useCustomFields().data?.items ?? [];
  const [file, setFile] = useState<File | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<ImportMode>(defaultImportMode);
  const [problem, setProblem] = useState<PlainMessageKey | null>(null);
  // the preview of the file and mode chosen: confirming it imports the file it kept, with that mode
  const [preview, setPreview] = useState<{ id: string } | null>(null);
  const previewing = useMutation(trpc.contacts.startImport.mutationOptions());
  const start = useMutation(
    trpc.contacts.confirmImport.mutationOptions({
      onSuccess: (job) => onStarted(job.id),
      // the refusal says to preview again; the file and mode stay chosen for it
      onError: (error) => {
        if (isPreviewUnusable(error)) setPreview(null);
      },
    }),
  );
  const refusal = confirmRefusalOf(start.error);
  // another file or mode makes the preview stale: it must be run again before importing
  const changed = () => {
    setPreview(null);
    setProblem(null);
    previewing.reset();
    start.reset();
  };
  const names = importColumnNames(locale);
  const columns = [...names.main, ...definitions.map((definition) => definition.key)];
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(importTemplate(columns, organization.locale))}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkImportFile(file);
    setProblem(found);
    if (found || !file) return;
    const csv = await readTextFile(file);
    const unreadable = checkImportText(csv);
    setProblem(unreadable);
    if (unreadable) return;
    setPreview(null);
    start.reset();
    previewing.mutate({ csv, onDuplicate, dryRun: true }, { onSuccess: (job) => setPreview({ id: job.id }) });
  };

  const runImport = () => {
    if (preview) start.mutate({ id: preview.id });
  };

  return (
    <div className="space-y-6">
      <Card title={t("contacts.import.formTitle")} description={t("contacts.import.formDescription")}>
        <form noValidate className="space-y-6" onSubmit={(event) => void submit(event)}>
          <div className="space-y-1.5">
            <label htmlFor={fileId} className="block text-sm font-medium text-slate-700">
              {t("contacts.import.file")}
            </label>
            <div className="flex flex-col items-center gap-3 rounded-xl border-2 border-dashed border-slate-300 bg-slate-50 px-6 py-8 text-center">
              <FileSpreadsheet aria-hidden="true" className="size-8 text-indigo-500" />
              <input
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${fileId}-error` : `${fileId}-hint`}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  changed();
                }}
                className="block max-w-full text-sm text-slate-600 file:mr-4 file:cursor-pointer file:rounded-lg file:border-0 file:bg-indigo-600 file:px-4 file:py-2 file:text-sm file:font-medium file:text-white hover:file:bg-indigo-500"
              />
              <p id={`${fileId}-hint`} className="text-xs text-slate-500">
                {t("contacts.import.fileHint")}
              </p>
            </div>
            {problem && (
              <p id={`${fileId}-error`} className="text-xs font-medium text-red-600">
                {t(problem)}
              </p>
            )}
          </div>

          <fieldset>
            <legend className="text-sm font-medium text-slate-700">{t("contacts.import.duplicates")}</legend>
            <p className="mt-1 text-xs text-slate-500">{t("contacts.import.duplicatesHint")}</p>
            <div className="mt-3 grid gap-3 sm:grid-cols-3">
              {importModes.map((policy) => (
                <label
                  key={policy}
                  className="flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ring-slate-200 ring-inset has-[:checked]:bg-indigo-50 has-[:checked]:ring-2 has-[:checked]:ring-indigo-600"
                >
                  <input
                    type="radio"
                    name="onDuplicate"
                    value={policy}
                    checked={onDuplicate === policy}
                    onChange={() => {
                      setOnDuplicate(policy);
                      changed();
                    }}
                    className="mt-0.5 accent-indigo-600"
                  />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">
                      {t(`contacts.import.policy.${policy}`)}
                    </span>
                    <span className="block text-xs text-slate-600">
                      {t(`contacts.import.policy.${policy}Hint`)}
                    </span>
                  </span>
                </label>
              ))}
            </div>
            {onDuplicate === "update" && (
              <p className="mt-3 text-xs font-medium text-amber-800">
                {t("contacts.import.policy.updateWarning")}
              </p>
            )}
          </fieldset>

          <Alert tone="info">
            <p>{t("contacts.import.columns", { columns: columns.join(", ") })}</p>
            <p className="mt-1">{t("contacts.import.columnNames", { names: names.others.join(", ") })}</p>
            <a
              href={template}
              download="contacts-template.csv"
              className={`${textLinkClasses} mt-1 inline-block`}
            >
              {t("contacts.import.template")}
            </a>
          </Alert>

          <ErrorAlert error={previewing.error} overrides={{ VALIDATION_FAILED: "errors.field.csv" }} />
          <div className="flex flex-col items-end gap-2">
            <Button type="submit" variant={preview ? "secondary" : "primary"} loading={previewing.isPending}>
              {t("contacts.import.preview.start")}
            </Button>
            <p className="text-xs text-slate-500">{t("contacts.import.preview.hint")}</p>
          </div>
        </form>
      </Card>
      {preview && (
        <ImportPreview
          key={preview.id}
          previewId={preview.id}
          onImport={runImport}
          importing={start.isPending}
        />
      )}
      {refusal ? <Alert tone="error">{t(refusal)}</Alert> : <ErrorAlert error={start.error} />}
    </div>
  );
}
