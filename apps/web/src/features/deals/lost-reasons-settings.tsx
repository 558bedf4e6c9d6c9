import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Archive, ArchiveRestore, ArrowDown, ArrowUp, Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { required } from "../../lib/validation";
import { lostReasonPlace } from "./lost-reason-place";
import { type LostReason, useLostReasons } from "./use-deal-options";

const nameTaken = { CONFLICT: "lostReasons.nameTaken" } as const;

/** The organization's lost reasons: owners and admins add, rename, reorder, archive and restore them. */
export function LostReasonsSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reasons = useLostReasons();
  const [renaming, setRenaming] = useState<LostReason | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.lostReasons.list.pathKey() });
  const update = useMutation(trpc.lostReasons.update.mutationOptions({ onSettled: refresh }));

  const all = reasons.data?.items ?? [];
  const active = all.filter((reason) => !reason.archived);
  const archived = all.filter((reason) => reason.archived);
  // places count archived reasons too: moving past a neighbour takes the neighbour's place
  const moveTo = (neighbour: LostReason | undefined, reason: LostReason) => {
    const position = neighbour && lostReasonPlace(all, neighbour.id);
    if (position !== undefined) update.mutate({ id: reason.id, position });
  };

  return (
    <Card title={t("lostReasons.title")} description={t("lostReasons.description")}>
      {!canEdit && (
        <Alert tone="info" className="mb-4">
          {t("lostReasons.readOnly")}
        </Alert>
      )}
      {reasons.isPending ? (
        <Loading />
      ) : reasons.isError ? (
        <QueryError error={reasons.error} onRetry={() => void reasons.refetch()} />
      ) : (
        <div className="space-y-5">
          <ErrorAlert error={update.error} overrides={nameTaken} />
          {active.length === 0 ? (
            <p className="text-sm text-slate-500">{t("lostReasons.empty")}</p>
          ) : (
            <ol
              aria-label={t("lostReasons.list")}
              className="divide-y divide-slate-200 rounded-lg border border-slate-200"
            >
              {active.map((reason, index) => (
                <li key={reason.id} className="flex items-center gap-2 px-3 py-2">
                  <span className="flex-1 text-sm text-slate-900">{reason.name}</span>
                  {canEdit && (
                    <span className="flex whitespace-nowrap">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={t("lostReasons.moveUp", { name: reason.name })}
                        disabled={index === 0 || update.isPending}
                        onClick={() => moveTo(active[index - 1], reason)}
                      >
                        <ArrowUp aria-hidden="true" className="size-4" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={t("lostReasons.moveDown", { name: reason.name })}
                        disabled={index === active.length - 1 || update.isPending}
                        onClick={() => moveTo(active[index + 1], reason)}
                      >
                        <ArrowDown aria-hidden="true" className="size-4" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={t("lostReasons.renameLabel", { name: reason.name })}
                        onClick={() => setRenaming(reason)}
                      >
                        <Pencil aria-hidden="true" className="size-4" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={t("lostReasons.archive", { name: reason.name })}
                        disabled={update.isPending}
                        onClick={() => update.mutate({ id: reason.id, archived: true })}
                      >
                        <Archive aria-hidden="true" className="size-4" />
                      </Button>
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
          {canEdit && <AddLostReason onAdded={refresh} />}
          {archived.length > 0 && (
            <section>
              <h3 className="mb-2 text-sm font-medium text-slate-700">{t("lostReasons.archived")}</h3>
              <ul aria-label={t("lostReasons.archived")} className="space-y-1">
                {archived.map((reason) => (
                  <li key={reason.id} className="flex items-center gap-2 text-sm text-slate-500">
                    <span className="flex-1">{reason.name}</span>
                    {canEdit && (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={t("lostReasons.unarchive", { name: reason.name })}
                        disabled={update.isPending}
                        onClick={() => update.mutate({ id: reason.id, archived: false })}
                      >
                        <ArchiveRestore aria-hidden="true" className="size-4" />
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
      <Dialog
        open={renaming !== null}
        onOpenChange={(open) => {
          if (!open) setRenaming(null);
        }}
        title={t("lostReasons.renameTitle")}
      >
        {renaming && <RenameForm reason={renaming} onDone={() => setRenaming(null)} />}
      </Dialog>
    </Card>
  );
}

function AddLostReason({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const create = useMutation(
    trpc.lostReasons.create.mutationOptions({
      onSuccess: async () => {
        form.setValues({ name: "" });
        await onAdded();
      },
    }),
  );
  const form = useForm({
    initial: { name: "" },
    rules: { name: [required] },
    error: create.error,
    overrides: nameTaken,
  });
  return (
    <form
      ref={form.formRef}
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={form.onSubmit((values) => create.mutate({ name: values.name.trim() }))}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <div className="min-w-56 flex-1">
        <TextField label={t("lostReasons.newName")} autoComplete="off" {...form.field("name")} />
      </div>
      <Button type="submit" variant="secondary" loading={create.isPending}>
        <Plus aria-hidden="true" className="size-4" />
        {t("lostReasons.add")}
      </Button>
    </form>
  );
}

function RenameForm({ reason, onDone }: { reason: LostReason; onDone: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rename = useMutation(
    trpc.lostReasons.update.mutationOptions({
      onSuccess: async () => {
        onDone();
        await queryClient.invalidateQueries({ queryKey: trpc.lostReasons.list.pathKey() });
      },
    }),
  );
  const form = useForm({
    initial: { name: reason.name },
    rules: { name: [required] },
    error: rename.error,
    overrides: nameTaken,
  });
  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => rename.mutate({ id: reason.id, name: values.name.trim() }))}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField label={t("lostReasons.name")} autoComplete="off" {...form.field("name")} />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={rename.isPending}>
          {t("lostReasons.save")}
        </Button>
      </div>
    </form>
  );
}
