import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { type Rule, required } from "../../lib/validation";
import { parseOptions } from "../contacts/custom-field-types";
import type { Pipeline } from "./use-deal-options";

interface CreatePipelineDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (pipeline: Pipeline) => void;
}

const stageColors = ["#3b82f6", "#8b5cf6", "#f59e0b", "#10b981", "#ec4899", "#14b8a6"];
const someStages: Rule = (value) => (parseOptions(value).length === 0 ? "errors.field.required" : null);

export function CreatePipelineDialog({ open, onOpenChange, onCreated }: CreatePipelineDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("pipelines.create.title")}
      description={t("pipelines.create.description")}
    >
      {open && <CreatePipelineForm open={open} onOpenChange={onOpenChange} onCreated={onCreated} />}
    </Dialog>
  );
}

function CreatePipelineForm({ onOpenChange, onCreated }: CreatePipelineDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.pipelines.create.mutationOptions({
      onSuccess: async (pipeline) => {
        onOpenChange(false);
        await queryClient.invalidateQueries({ queryKey: trpc.pipelines.list.pathKey() });
        onCreated(pipeline);
      },
    }),
  );
  const form = useForm({
    initial: { name: "", stages: t("pipelines.create.defaultStages") },
    rules: { name: [required], stages: [someStages] },
    error: create.error,
  });
  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) =>
        create.mutate({
          name: values.name.trim(),
          stages: parseOptions(values.stages)
            .slice(0, 30)
            .map((name, index) => ({ name, color: stageColors[index % stageColors.length], probability: 0 })),
        }),
      )}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField
        label={t("pipelines.name")}
        placeholder={t("pipelines.create.namePlaceholder")}
        autoComplete="off"
        {...form.field("name")}
      />
      <TextareaField
        label={t("pipelines.stages")}
        hint={t("pipelines.create.stagesHint")}
        rows={5}
        name="stages"
        value={form.values.stages}
        error={form.field("stages").error}
        onChange={(event) => {
          const stages = event.target.value;
          form.setValues((current) => ({ ...current, stages }));
        }}
      />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={create.isPending}>
          {t("pipelines.create.submit")}
        </Button>
      </div>
    </form>
  );
}
