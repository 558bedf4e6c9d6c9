import { can } from "@crm/domain/shared/permissions";
import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { errorCodeOf, existingIdOf, toErrorView } from "../../lib/errors";
import { useForm } from "../../lib/use-form";
import { email, type Rule, required } from "../../lib/validation";
import { useSession } from "../auth/use-session";
import {
  type CustomFieldDefinition,
  type CustomFieldDrafts,
  draftsFromMetadata,
  metadataFromDrafts,
} from "./custom-field-drafts";
import { CustomFieldInput } from "./custom-field-input";
import { TagPicker, type TagRef } from "./tag-picker";
import { useCompanies, useCustomFields } from "./use-contact-options";
import { type Contact, useSaveContact } from "./use-save-contact";

interface ContactFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this contact; without it the dialog creates one. */
  contact?: Contact;
  onSaved?: (contact: Contact) => void;
}

const optionalEmail: Rule = (value) => (value.trim() === "" ? null : email(value));

export function ContactFormDialog(props: ContactFormDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      size="lg"
      title={props.contact ? t("contacts.form.editTitle") : t("contacts.form.createTitle")}
      description={props.contact ? undefined : t("contacts.form.createDescription")}
    >
      {/* Mounted only while open: every opening starts from the contact as it is now. */}
      {props.open && <ContactFormLoader {...props} />}
    </Dialog>
  );
}

/** The form needs the field definitions first: editing without them would clear the contact's values. */
function ContactFormLoader(props: ContactFormDialogProps) {
  const fields = useCustomFields();
  if (fields.isPending) return <Loading />;
  if (fields.isError) return <QueryError error={fields.error} onRetry={() => void fields.refetch()} />;
  return <ContactForm {...props} definitions={fields.data.items} />;
}

function ContactForm({
  onOpenChange,
  contact,
  onSaved,
  definitions,
}: ContactFormDialogProps & { definitions: readonly CustomFieldDefinition[] }) {
  const { t } = useI18n();
  const { user } = useSession();
  const companiesListId = useId();
  const companies = useCompanies().data?.items ?? [];
  const save = useSaveContact(contact);
  const [drafts, setDrafts] = useState<CustomFieldDrafts>(() =>
    draftsFromMetadata(definitions, contact?.metadata ?? {}),
  );
  const [tags, setTags] = useState<readonly TagRef[]>(contact?.tags ?? []);
  const [fieldProblems, setFieldProblems] = useState<Record<string, PlainMessageKey>>({});
  const form = useForm({
    initial: {
      name: contact?.name ?? "",
      email: contact?.email ?? "",
      phone: contact?.phone ?? "",
      company: contact?.company?.name ?? "",
    },
    rules: { name: [required], email: [optionalEmail] },
    error: save.error,
    overrides: { CONFLICT: "errors.contactDuplicate" },
  });
  const serverFields = save.error ? toErrorView(save.error).fieldErrors : {};
  const duplicateId = errorCodeOf(save.error) === "CONFLICT" ? existingIdOf(save.error) : null;

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        const { metadata, problems } = metadataFromDrafts(definitions, drafts, contact ? "update" : "create");
        setFieldProblems(problems);
        if (Object.keys(problems).length > 0) return;
        save.mutate(
          { ...values, metadata, tags },
          {
            onSuccess: (saved) => {
              onOpenChange(false);
              onSaved?.(saved);
            },
          },
        );
      })}
    >
      {form.formError && (
        <Alert tone="error">
          {form.formError}
          {duplicateId && (
            <>
              {" "}
              <Link
                to="/contacts/$contactId"
                params={{ contactId: duplicateId }}
                className={textLinkClasses}
                onClick={() => onOpenChange(false)}
              >
                {t("contacts.form.openExisting")}
              </Link>
            </>
          )}
        </Alert>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField label={t("contacts.name")} autoComplete="off" {...form.field("name")} />
        </div>
        <TextField label={t("contacts.email")} type="email" autoComplete="off" {...form.field("email")} />
        <TextField
          label={t("contacts.phone")}
          type="tel"
          autoComplete="off"
          hint={t("contacts.form.phoneHint")}
          {...form.field("phone")}
        />
        <div className="sm:col-span-2">
          <TextField
            label={t("contacts.company")}
            autoComplete="off"
            list={companiesListId}
            hint={t("contacts.form.companyHint")}
            {...form.field("company")}
          />
          <datalist id={companiesListId}>
            {companies.map((company) => (
              <option key={company.id} value={company.name} />
            ))}
          </datalist>
        </div>
        <div className="sm:col-span-2">
          <TagPicker
            selected={tags}
            canCreate={can(user.role, "contacts:write")}
            onAdd={(tag) => setTags((current) => [...current, tag])}
            onRemove={(tag) => setTags((current) => current.filter((item) => item.id !== tag.id))}
          />
        </div>
      </div>

      {definitions.length > 0 && (
        <fieldset className="space-y-4 border-t border-slate-200 pt-5">
          <legend className="float-left mb-4 w-full text-sm font-semibold text-slate-900">
            {t("contacts.form.customFields")}
          </legend>
          <div className="clear-both grid gap-5 sm:grid-cols-2">
            {definitions.map((definition) => {
              const problem = fieldProblems[definition.key] ?? serverFields[`metadata.${definition.key}`];
              return (
                <CustomFieldInput
                  key={definition.id}
                  definition={definition}
                  value={drafts[definition.key] ?? ""}
                  error={problem ? t(problem) : undefined}
                  onChange={(value) => {
                    setDrafts((current) => ({ ...current, [definition.key]: value }));
                    setFieldProblems((current) => withoutKey(current, definition.key));
                  }}
                />
              );
            })}
          </div>
        </fieldset>
      )}

      <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {contact ? t("common.saveChanges") : t("contacts.form.create")}
        </Button>
      </div>
    </form>
  );
}

function withoutKey<V>(record: Record<string, V>, key: string): Record<string, V> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
