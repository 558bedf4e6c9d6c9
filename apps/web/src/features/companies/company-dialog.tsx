import { checkCnpj, formatCnpj } from "@crm/domain/contacts/cnpj";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { existingIdOf } from "../../lib/errors";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { type Rule, required } from "../../lib/validation";
import { addressServerFields, companyErrorMessages } from "./company-form-errors";
import type { Company } from "./company-search";

interface CompanyDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this company; without it the dialog creates one. */
  company?: Company | undefined;
}

const cnpj: Rule = (value) => (value.trim() === "" || checkCnpj(value) ? null : "companies.field.taxId");

export function CompanyDialog(props: CompanyDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      size="lg"
      title={props.company ? t("companies.edit.title") : t("companies.create.title")}
    >
      {/* Mounted only while open: every opening starts from the company as it is now. */}
      {props.open && <CompanyForm {...props} />}
    </Dialog>
  );
}

function initialValues(company: Company | undefined) {
  const address = company?.address;
  return {
    name: company?.name ?? "",
    taxId: company?.taxId ? formatCnpj(company.taxId) : "",
    domain: company?.domain ?? "",
    phone: company?.phone ? displayPhone(company.phone) : "",
    street: address?.street ?? "",
    number: address?.number ?? "",
    complement: address?.complement ?? "",
    district: address?.district ?? "",
    city: address?.city ?? "",
    state: address?.state ?? "",
    postalCode: address?.postalCode ?? "",
  };
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
    initial: initialValues(company),
    rules: { name: [required], taxId: [cnpj] },
    error: save.error,
    serverFields: addressServerFields,
    ...companyErrorMessages(save.error),
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
  const taxIdField = form.field("taxId");
  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        const fields = {
          name: values.name.trim(),
          taxId: values.taxId,
          domain: values.domain,
          phone: values.phone,
          address: {
            street: values.street,
            number: values.number,
            complement: values.complement,
            district: values.district,
            city: values.city,
            state: values.state,
            postalCode: values.postalCode,
          },
        };
        if (company) update.mutate({ id: company.id, ...fields });
        else create.mutate(fields);
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
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          label={t("companies.taxId")}
          hint={t("companies.taxIdHint")}
          inputMode="text"
          autoComplete="off"
          {...taxIdField}
          errorAction={taxIdField.error === t("companies.taxIdTaken") && existingLink}
        />
        <TextField label={t("companies.phone")} type="tel" autoComplete="tel" {...form.field("phone")} />
      </div>
      <TextField
        label={t("companies.domain")}
        hint={t("companies.domainHint")}
        autoComplete="url"
        {...form.field("domain")}
      />
      <fieldset className="space-y-5">
        <legend className="mb-3 text-sm font-semibold text-slate-900">{t("companies.address")}</legend>
        <div className="grid gap-5 sm:grid-cols-[1fr_8rem]">
          <TextField
            label={t("companies.address.street")}
            autoComplete="address-line1"
            {...form.field("street")}
          />
          <TextField label={t("companies.address.number")} {...form.field("number")} />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t("companies.address.complement")}
            autoComplete="address-line2"
            {...form.field("complement")}
          />
          <TextField label={t("companies.address.district")} {...form.field("district")} />
        </div>
        <div className="grid gap-5 sm:grid-cols-[1fr_6rem_9rem]">
          <TextField
            label={t("companies.address.city")}
            autoComplete="address-level2"
            {...form.field("city")}
          />
          <TextField
            label={t("companies.address.state")}
            autoComplete="address-level1"
            maxLength={2}
            {...form.field("state")}
          />
          <TextField
            label={t("companies.address.postalCode")}
            autoComplete="postal-code"
            inputMode="numeric"
            {...form.field("postalCode")}
          />
        </div>
      </fieldset>
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
