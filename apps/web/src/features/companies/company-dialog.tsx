import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { existingIdOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { required } from "../../lib/validation";
import type { Company } from "./company-search";

interface CompanyDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Rename this company; without it the dialog creates one. */
  company?: Pick<Company, "id" | "name"> | undefined;
}

export function CompanyDialog(props: CompanyDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.company ? t("companies.rename.title") : t("companies.create.title")}
    >
      {/* Mounted only while open: every opening starts from the name as it is now. */}
      {props.open && <CompanyForm {...props} />}
    </Dialog>
  );
}

function CompanyForm({ onOpenChange, company }: CompanyDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async (saved: Company) => {
    onOpenChange(false);
    queryClient.setQueryData(trpc.companies.get.queryKey({ id: saved.id }), saved);
    await queryClient.invalidateQueries({ queryKey: trpc.companies.list.pathKey() });
    // contacts show their company's name
    if (company) await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
  };
  const create = useMutation(trpc.companies.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.companies.update.mutationOptions({ onSuccess }));
  const save = company ? update : create;
  const form = useForm({
    initial: { name: company?.name ?? "" },
    rules: { name: [required] },
    error: save.error,
    overrides: { CONFLICT: "companies.taken" },
  });
  const existingId = existingIdOf(save.error);
  const existingLink = existingId && existingId !== company?.id && (
    <Link
      to="/companies/$companyId"
      params={{ companyId: existingId }}
      className={textLinkClasses}
      onClick={() => onOpenChange(false)}
    >
      {t("companies.openExisting")}
    </Link>
  );
  const nameField = form.field("name");
  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        if (company) update.mutate({ id: company.id, name: values.name.trim() });
        else create.mutate({ name: values.name.trim() });
      })}
    >
      {form.formError && (
        <Alert tone="error">
          {form.formError}
          {existingLink && <> {existingLink}</>}
        </Alert>
      )}
      <TextField
        label={t("companies.name")}
        autoComplete="organization"
        {...nameField}
        // the name is taken: said under it, with the way to the company that has it
        errorAction={nameField.error === t("companies.taken") && existingLink}
      />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {company ? t("common.saveChanges") : t("companies.create.submit")}
        </Button>
      </div>
    </form>
  );
}
