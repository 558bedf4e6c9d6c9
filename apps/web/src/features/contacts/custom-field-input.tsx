import { useId, useState } from "react";
import { checkboxClasses } from "../../components/ui/checkbox-field";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import type { CustomFieldDefinition, CustomFieldDraft } from "./custom-field-drafts";
import { numberDraftFromText, numberTextForInput } from "./custom-field-number";

interface CustomFieldInputProps {
  definition: CustomFieldDefinition;
  value: CustomFieldDraft;
  error?: string | undefined;
  onChange: (value: CustomFieldDraft) => void;
}

/** The input that fits the field's type, labelled with the field's name. */
export function CustomFieldInput({ definition, value, error, onChange }: CustomFieldInputProps) {
  const { t } = useI18n();
  const label = definition.required ? `${definition.label} *` : definition.label;
  const text = typeof value === "string" ? value : "";
  const common = { label, error, name: `metadata.${definition.key}` };

  switch (definition.type) {
    case "boolean":
      // Three answers, not a checkbox: an unticked box would store "No" for a contact nobody asked about.
      return (
        <SelectField
          {...common}
          value={typeof value === "boolean" ? String(value) : ""}
          onChange={(event) => onChange(event.target.value === "" ? "" : event.target.value === "true")}
          options={[
            { value: "", label: t("contacts.form.noValue") },
            { value: "true", label: t("common.yes") },
            { value: "false", label: t("common.no") },
          ]}
        />
      );
    case "single_select":
      return (
        <SelectField
          {...common}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          options={[
            { value: "", label: t("contacts.form.noValue") },
            ...definition.options.map((option) => ({ value: option, label: option })),
          ]}
        />
      );
    case "multi_select":
      return (
        <MultiSelect definition={definition} label={label} value={value} error={error} onChange={onChange} />
      );
    case "number":
      return <NumberInput {...common} draft={text} onChange={onChange} />;
    default:
      return (
        <TextField
          {...common}
          type={definition.type === "date" ? "date" : "text"}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}

/**
 * Shows and takes the number in the user's locale ("1.500,5" in pt-BR) while the draft stays locale-free;
 * the typed text is kept as typed, so nothing is reformatted under the cursor.
 */
function NumberInput({
  draft,
  onChange,
  ...field
}: {
  label: string;
  name: string;
  error?: string | undefined;
  draft: string;
  onChange: (value: CustomFieldDraft) => void;
}) {
  const { locale } = useI18n();
  const [text, setText] = useState(() => numberTextForInput(draft, locale));
  return (
    <TextField
      {...field}
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(numberDraftFromText(event.target.value, locale));
      }}
    />
  );
}

function MultiSelect({
  definition,
  label,
  value,
  error,
  onChange,
}: {
  definition: CustomFieldDefinition;
  label: string;
  value: CustomFieldDraft;
  error?: string | undefined;
  onChange: (value: CustomFieldDraft) => void;
}) {
  const id = useId();
  const chosen = Array.isArray(value) ? value : [];
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1.5 block text-sm font-medium text-slate-700">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {definition.options.map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className={checkboxClasses}
              checked={chosen.includes(option)}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...chosen, option] : chosen.filter((item) => item !== option),
                )
              }
            />
            {option}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
