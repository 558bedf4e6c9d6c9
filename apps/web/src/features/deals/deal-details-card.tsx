import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Pencil } from "lucide-react";
import { type ReactNode, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { errorCodeOf } from "../../lib/errors";
import { formatCalendarDate, formatDate, formatDateTime } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { amountIn, required } from "../../lib/validation";
import { ContactPicker, type PickedContact } from "../contacts/contact-picker";
import { currencyOptions } from "../settings/organization-options";
import {
  type DealEditField,
  dealEditPatch,
  dealEditValues,
  dealValueFields,
  rebaseDealEdit,
} from "./deal-edit";
import { type Deal, useDealSaved } from "./use-deal-cache";
import { type Pipeline, useLostReasons, useMemberNames, useMembers, usePipelines } from "./use-deal-options";

interface DealDetailsCardProps {
  deal: Deal;
  pipeline: Pipeline | undefined;
  canEdit: boolean;
}

export function DealDetailsCard({ deal, pipeline, canEdit }: DealDetailsCardProps) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title={t("deals.details")}
      actions={
        canEdit &&
        !editing && (
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            <Pencil aria-hidden="true" className="size-4" />
            {t("common.edit")}
          </Button>
        )
      }
    >
      {editing ? (
        <DealEditForm deal={deal} pipeline={pipeline} onDone={() => setEditing(false)} />
      ) : (
        <DealFacts deal={deal} pipeline={pipeline} />
      )}
    </Card>
  );
}

function DealFacts({ deal, pipeline }: { deal: Deal; pipeline: Pipeline | undefined }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const names = useMemberNames();
  const lostReasons = useLostReasons();
  // the predefined reason, then the note written with it when there is one
  const reasonName = lostReasons.data?.items.find((reason) => reason.id === deal.lostReasonId)?.name;
  const lostReason =
    reasonName && deal.lostReason && deal.lostReason !== reasonName
      ? `${reasonName}: ${deal.lostReason}`
      : (deal.lostReason ?? reasonName);
  const contact = useQuery({
    ...trpc.contacts.get.queryOptions({ id: deal.contactId ?? "" }),
    enabled: deal.contactId !== null,
  });
  const stage = pipeline?.stages.find((item) => item.id === deal.stage);
  return (
    <dl className="space-y-4 text-sm">
      <Fact label={t("deals.fields.value")}>
        <span className="font-semibold tabular-nums">{formatMoney(deal.value, locale)}</span>
      </Fact>
      <Fact label={t("deals.fields.contact")}>
        {deal.contactId && contact.data ? (
          <Link to="/contacts/$contactId" params={{ contactId: deal.contactId }} className={textLinkClasses}>
            {contact.data.name}
          </Link>
        ) : null}
      </Fact>
      <Fact label={t("deals.pipeline")}>{pipeline?.name}</Fact>
      <Fact label={t("deals.fields.stage")}>{stage?.name}</Fact>
      <Fact label={t("deals.fields.assignee")}>{deal.assigneeId ? names.get(deal.assigneeId) : null}</Fact>
      <Fact label={t("deals.fields.expectedClose")}>
        {deal.expectedCloseDate ? formatCalendarDate(deal.expectedCloseDate, locale) : null}
      </Fact>
      <Fact label={t("deals.fields.createdAt")}>{formatDate(deal.createdAt, locale)}</Fact>
      {deal.wonAt && <Fact label={t("deals.fields.wonAt")}>{formatDateTime(deal.wonAt, locale)}</Fact>}
      {deal.lostAt && <Fact label={t("deals.fields.lostAt")}>{formatDateTime(deal.lostAt, locale)}</Fact>}
      {lostReason && <Fact label={t("deals.lost.reason")}>{lostReason}</Fact>}
    </dl>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-5 gap-3">
      <dt className="col-span-2 text-slate-500">{label}</dt>
      <dd className="col-span-3 min-w-0 break-words text-slate-900">
        {children ?? <span className="text-slate-500">—</span>}
      </dd>
    </div>
  );
}

function DealEditForm({
  deal,
  pipeline,
  onDone,
}: {
  deal: Deal;
  pipeline: Pipeline | undefined;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSaved = useDealSaved();
  const members = useMembers().data?.items ?? [];
  const pipelines = usePipelines().data?.items ?? (pipeline ? [pipeline] : []);
  // the contact last picked, shown at once; otherwise the one the form holds is looked up
  const [picked, setPicked] = useState<PickedContact | null>(null);
  // The deal as the form loaded it: what the user changes is measured from it, and the save is conditional
  // on it, so a colleague's change in the meantime is never overwritten.
  const [loaded, setLoaded] = useState(deal);
  const [conflicts, setConflicts] = useState<{ deal: Deal; fields: DealEditField[] } | null>(null);
  const [reloadFailed, setReloadFailed] = useState(false);
  const update = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: async (saved) => {
        onDone();
        await onSaved(saved);
      },
      onError: async (error) => {
        if (errorCodeOf(error) !== "PRECONDITION_FAILED") return;
        try {
          const current = await queryClient.fetchQuery({
            ...trpc.deals.get.queryOptions({ id: loaded.id }),
            staleTime: 0,
          });
          const rebased = rebaseDealEdit(loaded, current, form.values, locale);
          setLoaded(current);
          form.setValues(rebased.values);
          setConflicts({ deal: current, fields: rebased.conflicts });
          setReloadFailed(false);
        } catch {
          setReloadFailed(true);
        }
      },
    }),
  );
  const form = useForm({
    initial: dealEditValues(deal, locale),
    rules: { title: [required], amount: [required, amountIn(locale, "currency")] },
    error: update.error,
    serverFields: dealValueFields,
    overrides: {
      PRECONDITION_FAILED: reloadFailed ? "deals.edit.changedElsewhereReload" : "deals.edit.changedElsewhere",
    },
  });
  const contactId = form.values.contactId;
  const contactQuery = useQuery({
    ...trpc.contacts.get.queryOptions({ id: contactId }),
    enabled: contactId !== "" && picked?.id !== contactId,
  });
  const contact = picked?.id === contactId ? picked : contactId ? (contactQuery.data ?? null) : null;
  const chosenPipeline = pipelines.find((item) => item.id === form.values.pipelineId) ?? pipeline;
  const pipelineOptions = pipelines.map((item) => ({ value: item.id, label: item.name }));
  const stageOptions = (chosenPipeline?.stages ?? []).map((stage) => ({
    value: stage.id,
    label: stage.name,
  }));
  const memberOptions = [
    { value: "", label: t("deals.fields.unassigned") },
    ...members.map((member) => ({ value: member.id, label: member.name })),
  ];
  // Where someone else saved a field the user also changed, the field says what they saved.
  const theirs = (field: DealEditField): string | undefined => {
    if (!conflicts?.fields.includes(field)) return undefined;
    const now = conflicts.deal;
    const shown: Record<DealEditField, string> = {
      title: now.title,
      amount: formatMoney(now.value, locale),
      currency: now.value.currency,
      contactId: t("deals.edit.otherContact"),
      pipelineId: pipelineOptions.find((option) => option.value === now.pipelineId)?.label ?? "",
      stage: stageOptions.find((option) => option.value === now.stage)?.label ?? "",
      expectedCloseDate: now.expectedCloseDate ? formatCalendarDate(now.expectedCloseDate, locale) : "—",
      assigneeId: memberOptions.find((option) => option.value === (now.assigneeId ?? ""))?.label ?? "",
    };
    return t("deals.edit.theirValue", { value: shown[field] });
  };
  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-4"
      onSubmit={form.onSubmit((values) => {
        const patch = dealEditPatch(loaded, values, locale);
        if (patch === null) return;
        if (Object.keys(patch).length === 0) {
          onDone();
          return;
        }
        update.mutate({ id: loaded.id, ...patch, expectedUpdatedAt: loaded.updatedAt });
      })}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField
        label={t("deals.fields.title")}
        autoComplete="off"
        hint={theirs("title")}
        {...form.field("title")}
      />
      <div className="grid grid-cols-2 gap-4">
        <TextField
          label={t("deals.fields.value")}
          inputMode="decimal"
          autoComplete="off"
          hint={theirs("amount")}
          {...form.field("amount")}
        />
        <SelectField
          label={t("deals.fields.currency")}
          options={currencyOptions(locale, form.values.currency)}
          hint={theirs("currency")}
          {...form.field("currency")}
        />
      </div>
      <div>
        <ContactPicker
          label={t("deals.fields.contact")}
          value={contact}
          onChange={(next) => {
            setPicked(next);
            form.setValues((current) => ({ ...current, contactId: next?.id ?? "" }));
          }}
        />
        {theirs("contactId") && <p className="mt-1.5 text-xs text-slate-500">{theirs("contactId")}</p>}
      </div>
      <div className="grid grid-cols-2 gap-4">
        <SelectField
          label={t("deals.pipeline")}
          options={pipelineOptions}
          hint={theirs("pipelineId")}
          {...form.field("pipelineId")}
          onChange={(event) => {
            const next = pipelines.find((item) => item.id === event.target.value);
            // back in the deal's own pipeline its stage is offered again; elsewhere the first stage
            const stage = next?.id === loaded.pipelineId ? loaded.stage : (next?.stages[0]?.id ?? "");
            form.setValues((current) => ({ ...current, pipelineId: event.target.value, stage }));
          }}
        />
        <SelectField
          label={t("deals.fields.stage")}
          options={stageOptions}
          hint={theirs("stage")}
          {...form.field("stage")}
        />
      </div>
      <TextField
        label={t("deals.fields.expectedClose")}
        type="date"
        hint={theirs("expectedCloseDate")}
        {...form.field("expectedCloseDate")}
      />
      <SelectField
        label={t("deals.fields.assignee")}
        options={memberOptions}
        hint={theirs("assigneeId")}
        {...form.field("assigneeId")}
      />
      <div className="flex justify-end gap-3 pt-2">
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={update.isPending}>
          {t("common.saveChanges")}
        </Button>
      </div>
    </form>
  );
}
