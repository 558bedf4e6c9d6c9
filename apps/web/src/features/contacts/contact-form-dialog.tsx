import { can } from "@crm/domain/shared/permissions";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { errorCodeOf, existingIdOf, toErrorView } from "../../lib/errors";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { email, type Rule, required } from "../../lib/validation";
import { useSession } from "../auth/use-session";
import { CompanyNameField } from "./company-name-field";
import { formValuesOf, hasUnsavedChanges, rebaseTags, rebaseValues } from "./contact-changes";
import {
  type CustomFieldDefinition,
  type CustomFieldDrafts,
  changedMetadataFromDrafts,
  draftsFromMetadata,
  metadataFromDrafts,
  rebaseDrafts,
} from "./custom-field-drafts";
import { CustomFieldInput } from "./custom-field-input";
import { TagPicker, type TagRef } from "./tag-picker";
import { useCustomFields } from "./use-contact-options";
import { type Contact, useSaveContact } from "./use-save-contact";

interface ContactFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this contact; without it the dialog creates one. */
  contact?: Contact;
  onSaved?: (contact: Contact) => void;
}

const optionalEmail: Rule = (value) => (value.trim() === "" ? null : email(value));

interface ContactFormProps extends ContactFormDialogProps {
  /** Closing as the user asked (Cancel): a form holding unsaved changes asks first. */
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function ContactFormDialog(props: ContactFormDialogProps) {
  const { t } = useI18n();
  const { open, onOpenChange } = props;
  const dirty = useRef(false);
  const [confirming, setConfirming] = useState(false);
  // Escape, the close button, a click outside or Cancel: what was typed is not lost without a word
  const requestClose = () => {
    if (dirty.current) setConfirming(true);
    else onOpenChange(false);
  };
  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  useEffect(() => {
    if (!open) {
      dirty.current = false;
      setConfirming(false);
    }
  }, [open]);
  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => (next ? onOpenChange(true) : requestClose())}
        size="lg"
        title={props.contact ? t("contacts.form.editTitle") : t("contacts.form.createTitle")}
        description={props.contact ? undefined : t("contacts.form.createDescription")}
      >
        {/* Mounted only while open: every opening starts from the contact as it is now. */}
        {open && <ContactFormLoader {...props} onCancel={requestClose} onDirtyChange={onDirtyChange} />}
      </Dialog>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("contacts.form.discardTitle")}
        description={t("contacts.form.discardDescription")}
        confirmLabel={t("contacts.form.discard")}
        onConfirm={() => {
          setConfirming(false);
          onOpenChange(false);
        }}
        pending={false}
        error={null}
      />
    </>
  );
}

/** The form needs the field definitions first: editing without them would clear the contact's values. */
function ContactFormLoader(props: ContactFormProps) {
  const fields = useCustomFields();
  if (fields.isPending) return <Loading />;
  if (fields.isLoadingError) return <QueryError error={fields.error} onRetry={() => void fields.refetch()} />;
  return (
    <>
      <RefreshFailedNotice query={fields} />
      <ContactForm {...props} definitions={fields.data.items} />
    </>
  );
}

function ContactForm({
  onOpenChange,
  onCancel,
  onDirtyChange,
  contact,
  onSaved,
  definitions,
}: ContactFormProps & { definitions: readonly CustomFieldDefinition[] }) {
  const { t } = useI18n();
  const { user } = useSession();
  // the contact as the form opened with it (or last reloaded it): edits are sent against this version,
  // whatever the page behind the dialog has received since
  const [base, setBase] = useState(contact);
  const save = useSaveContact(base);
  const [initialDrafts, setInitialDrafts] = useState<CustomFieldDrafts>(() =>
    draftsFromMetadata(definitions, base?.metadata ?? {}),
  );
  const [drafts, setDrafts] = useState<CustomFieldDrafts>(initialDrafts);
  const [tags, setTags] = useState<readonly TagRef[]>(base?.tags ?? []);
  const [fieldProblems, setFieldProblems] = useState<Record<string, PlainMessageKey>>({});
  const form = useForm({
    initial: formValuesOf(base),
    rules: { name: [required], email: [optionalEmail] },
    error: save.error,
    overrides: { CONFLICT: "errors.contactDuplicate", PRECONDITION_FAILED: "contacts.form.changedElsewhere" },
  });
  const dirty = hasUnsavedChanges(
    { values: formValuesOf(base), drafts: initialDrafts, tags: base?.tags ?? [] },
    { values: form.values, drafts, tags },
  );
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  const reload = useReloadContact((fresh) => {
    if (!base) return;
    form.setValues((values) => rebaseValues(formValuesOf(base), values, formValuesOf(fresh)));
    const freshDrafts = draftsFromMetadata(definitions, fresh.metadata);
    setDrafts((current) => rebaseDrafts(initialDrafts, current, freshDrafts));
    setInitialDrafts(freshDrafts);
    setTags((current) => rebaseTags(base.tags, current, fresh.tags));
    setBase(fresh);
    save.reset();
  });
  const serverFields = save.error ? toErrorView(save.error).fieldErrors : {};
  const errorCode = errorCodeOf(save.error);
  const duplicateId = errorCode === "CONFLICT" ? existingIdOf(save.error) : null;
  const duplicateLink = duplicateId && (
    <Link
      to="/contacts/$contactId"
      params={{ contactId: duplicateId }}
      className={textLinkClasses}
      onClick={() => onOpenChange(false)}
    >
      {t("contacts.form.openExisting")}
    </Link>
  );
  // the duplicate is said under the email or phone it shares, and the way to that contact with it
  const emailField = form.field("email");
  const phoneField = form.field("phone");
  const duplicateAction = (error: string | undefined) =>
    error === t("errors.contactDuplicate") ? duplicateLink : undefined;

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        const { metadata, problems } = base
          ? changedMetadataFromDrafts(definitions, initialDrafts, drafts)
          : metadataFromDrafts(definitions, drafts, "create");
        setFieldProblems(problems);
        if (Object.keys(problems).length > 0) return;
        save.mutate(
          { values, metadata, tags },
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
          {duplicateLink && <> {duplicateLink}</>}
          {errorCode === "PRECONDITION_FAILED" && base && (
            <>
              {" "}
              <button
                type="button"
                className={textLinkClasses}
                disabled={reload.isPending}
                onClick={() => reload.mutate(base.id)}
              >
                {t("contacts.form.reloadChanged")}
              </button>
            </>
          )}
        </Alert>
      )}
      <ErrorAlert error={reload.error} />
      {reload.isSuccess && !save.error && <Alert tone="info">{t("contacts.form.reloaded")}</Alert>}
      <div className="grid gap-5 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField label={t("contacts.name")} autoComplete="off" {...form.field("name")} />
        </div>
        <TextField
          label={t("contacts.email")}
          type="email"
          autoComplete="off"
          {...emailField}
          errorAction={duplicateAction(emailField.error)}
        />
        <TextField
          label={t("contacts.phone")}
          type="tel"
          autoComplete="off"
          hint={t("contacts.form.phoneHint")}
          {...phoneField}
          errorAction={duplicateAction(phoneField.error)}
        />
        <div className="sm:col-span-2">
          <CompanyNameField
            label={t("contacts.company")}
            hint={t("contacts.form.companyHint")}
            {...form.field("company")}
            onPick={(company) => form.setValues((values) => ({ ...values, company }))}
          />
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
        <Button variant="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {base ? t("common.saveChanges") : t("contacts.form.create")}
        </Button>
      </div>
    </form>
  );
}

/** Reads the contact again, for a form whose save found it changed by someone else. */
function useReloadContact(onLoaded: (fresh: Contact) => void) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.contacts.get.query({ id }),
    onSuccess: (fresh) => {
      queryClient.setQueryData(trpc.contacts.get.queryKey({ id: fresh.id }), fresh);
      onLoaded(fresh);
    },
  });
}

function withoutKey<V>(record: Record<string, V>, key: string): Record<string, V> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
