import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { CheckboxField } from "../../components/ui/checkbox-field";
import { Dialog } from "../../components/ui/dialog";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { type Rule, required } from "../../lib/validation";
import type { CustomFieldDefinition } from "./custom-field-drafts";
import { customFieldKeyPattern, keyFromLabel } from "./custom-field-key";
import {
  customFieldTypeLabels,
  customFieldTypes,
  isCustomFieldType,
  isSelectType,
  parseOptions,
} from "./custom-field-types";

interface CustomFieldDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this definition; without it the dialog creates one. */
  definition?: CustomFieldDefinition | undefined;
}

const keyRule: Rule = (value) => (customFieldKeyPattern.test(value) ? null : "errors.field.customFieldKey");

export function CustomFieldDialog(props: CustomFieldDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.definition ? t("customFields.edit.title") : t("customFields.create.title")}
      description={props.definition ? undefined : t("customFields.create.description")}
    >
      {props.open && <CustomFieldForm {...props} />}
    </Dialog>
  );
}

function CustomFieldForm({ onOpenChange, definition }: CustomFieldDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [keyEdited, setKeyEdited] = useState(definition !== undefined);
  const [isRequired, setRequired] = useState(definition?.required ?? false);
  const onSuccess = async () => {
    onOpenChange(false);
    await queryClient.invalidateQueries({ queryKey: trpc.customFields.list.pathKey() });
  };
  const create = useMutation(trpc.customFields.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.customFields.update.mutationOptions({ onSuccess }));
  const save = definition ? update : create;
  const optionsRule: Rule = (value) =>
    isCustomFieldType(form.values.type) && isSelectType(form.values.type) && parseOptions(value).length === 0
      ? "errors.field.options"
      : null;
  const form = useForm({
    initial: {
      label: definition?.label ?? "",
      key: definition?.key ?? "",
      type: definition?.type ?? "text",
      options: definition?.options.join("\n") ?? "",
    },
    rules: { label: [required], key: [keyRule], options: [optionsRule] },
    error: save.error,
    overrides: { CONFLICT: "errors.customFieldKeyTaken" },
  });
  const type = isCustomFieldType(form.values.type) ? form.values.type : "text";

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        const options = isSelectType(type) ? parseOptions(values.options) : undefined;
        if (definition) {
          update.mutate({ id: definition.id, label: values.label.trim(), required: isRequired, options });
        } else {
          create.mutate({ key: values.key, label: values.label.trim(), type, required: isRequired, options });
        }
      })}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField
        label={t("customFields.label")}
        placeholder={t("customFields.labelPlaceholder")}
        autoComplete="off"
        {...form.field("label")}
        onChange={(event) => {
          const label = event.target.value;
          form.setValues((current) => ({
            ...current,
            label,
            key: keyEdited ? current.key : keyFromLabel(label),
          }));
        }}
      />
      <TextField
        label={t("customFields.key")}
        hint={definition ? t("customFields.keyFixed") : t("customFields.keyHint")}
        autoComplete="off"
        disabled={definition !== undefined}
        className="font-mono"
        {...form.field("key")}
        onChange={(event) => {
          setKeyEdited(true);
          form.field("key").onChange(event);
        }}
      />
      <SelectField
        label={t("customFields.type")}
        hint={definition ? t("customFields.typeFixed") : undefined}
        disabled={definition !== undefined}
        options={customFieldTypes.map((option) => ({
          value: option,
          label: t(customFieldTypeLabels[option]),
        }))}
        {...form.field("type")}
      />
      {isSelectType(type) && (
        <TextareaField
          label={t("customFields.options")}
          hint={t("customFields.optionsHint")}
          rows={4}
          name="options"
          value={form.values.options}
          error={form.field("options").error}
          onChange={(event) => {
            const options = event.target.value;
            form.setValues((current) => ({ ...current, options }));
          }}
        />
      )}
      <CheckboxField
        label={t("customFields.required")}
        hint={t("customFields.requiredHint")}
        checked={isRequired}
        onChange={(event) => setRequired(event.target.checked)}
      />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {definition ? t("common.saveChanges") : t("customFields.create.submit")}
        </Button>
      </div>
    </form>
  );
}
