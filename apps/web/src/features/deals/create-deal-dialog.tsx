import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Loading } from "../../components/ui/loading";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { parseAmountInput } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { amountIn, required } from "../../lib/validation";
import { useSession } from "../auth/use-session";
import { ContactPicker, type PickedContact } from "../contacts/contact-picker";
import { currencyOptions } from "../settings/organization-options";
import { dealValueFields } from "./deal-edit";
import { type Pipeline, useMembers, usePipelines } from "./use-deal-options";

interface CreateDealDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Preselected when the deal is created from a contact's page. */
  initialContact?: PickedContact | undefined;
  initialPipelineId?: string | undefined;
}

export function CreateDealDialog(props: CreateDealDialogProps) {
  const { t } = useI18n();
  const pipelines = usePipelines();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      size="lg"
      title={t("deals.create.title")}
      description={t("deals.create.description")}
    >
      {props.open &&
        (pipelines.data ? <CreateDealForm {...props} pipelines={pipelines.data.items} /> : <Loading />)}
    </Dialog>
  );
}

function CreateDealForm({
  onOpenChange,
  initialContact,
  initialPipelineId,
  pipelines,
}: CreateDealDialogProps & { pipelines: readonly Pipeline[] }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user, organization } = useSession();
  const members = useMembers().data?.items ?? [];
  const [contact, setContact] = useState<PickedContact | null>(initialContact ?? null);
  const [contactError, setContactError] = useState(false);
  const firstPipeline = pipelines.find((pipeline) => pipeline.id === initialPipelineId) ?? pipelines[0];
  const create = useMutation(
    trpc.deals.create.mutationOptions({
      onSuccess: async () => {
        onOpenChange(false);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.pipelines.board.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
        ]);
      },
    }),
  );
  const form = useForm({
    initial: {
      title: "",
      pipelineId: firstPipeline?.id ?? "",
      stage: firstPipeline?.stages[0]?.id ?? "",
      amount: "",
      currency: organization.defaultCurrency,
      expectedCloseDate: "",
      assigneeId: user.id,
    },
    rules: { title: [required], stage: [required], amount: [required, amountIn(locale, "currency")] },
    error: create.error,
    serverFields: dealValueFields,
  });
  const pipeline = pipelines.find((item) => item.id === form.values.pipelineId);

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        setContactError(contact === null);
        form.onSubmit((values) => {
          const parsed = parseAmountInput(values.amount, locale, values.currency);
          if (!contact || parsed === null) return;
          create.mutate({
            title: values.title.trim(),
            contactId: contact.id,
            pipelineId: values.pipelineId,
            stage: values.stage,
            value: { amount: parsed, currency: values.currency },
            assigneeId: values.assigneeId || null,
            expectedCloseDate: values.expectedCloseDate || null,
          });
        })(event);
      }}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField
        label={t("deals.fields.title")}
        placeholder={t("deals.fields.titlePlaceholder")}
        autoComplete="off"
        {...form.field("title")}
      />
      <ContactPicker
        label={t("deals.fields.contact")}
        value={contact}
        onChange={(picked) => {
          setContact(picked);
          setContactError(false);
        }}
        error={contactError ? t("deals.fields.contactRequired") : undefined}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          label={t("deals.pipeline")}
          options={pipelines.map((item) => ({ value: item.id, label: item.name }))}
          {...form.field("pipelineId")}
          onChange={(event) => {
            const next = pipelines.find((item) => item.id === event.target.value);
            form.setValues((current) => ({
              ...current,
              pipelineId: event.target.value,
              stage: next?.stages[0]?.id ?? "",
            }));
          }}
        />
        <SelectField
          label={t("deals.fields.stage")}
          options={(pipeline?.stages ?? []).map((stage) => ({ value: stage.id, label: stage.name }))}
          {...form.field("stage")}
        />
        <TextField
          label={t("deals.fields.value")}
          inputMode="decimal"
          placeholder={locale === "pt-BR" ? "1.500,00" : "1,500.00"}
          autoComplete="off"
          {...form.field("amount")}
        />
        <SelectField
          label={t("deals.fields.currency")}
          options={currencyOptions(locale, organization.defaultCurrency)}
          {...form.field("currency")}
        />
        <TextField label={t("deals.fields.expectedClose")} type="date" {...form.field("expectedCloseDate")} />
        <SelectField
          label={t("deals.fields.assignee")}
          options={[
            { value: "", label: t("deals.fields.unassigned") },
            ...members.map((member) => ({ value: member.id, label: member.name })),
          ]}
          {...form.field("assigneeId")}
        />
      </div>
      <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={create.isPending}>
          {t("deals.create.submit")}
        </Button>
      </div>
    </form>
  );
}
