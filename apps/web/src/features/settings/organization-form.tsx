import { can } from "@crm/domain/shared/permissions";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { localeNames } from "../../components/language-select";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { isLocale, locales } from "../../i18n/locale";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { maxRetentionDays, minRetentionDays, required, retentionDays, slug } from "../../lib/validation";
import { useSession } from "../auth/use-session";
import { currencyOptions, timezoneOptions } from "./organization-options";

export function OrganizationForm() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const { data: organization } = useSuspenseQuery(trpc.organizations.current.queryOptions());
  const canEdit = can(user.role, "organizations:write");

  const update = useMutation(
    trpc.organizations.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.organizations.current.queryKey(), saved);
        // the shell shows the organization's name from the session
        return queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );
  const form = useForm({
    initial: {
      name: organization.name,
      slug: organization.slug,
      defaultCurrency: organization.defaultCurrency,
      timezone: organization.timezone,
      dataRetentionDays: String(organization.dataRetentionDays),
      locale: organization.locale,
    },
    rules: { name: [required], slug: [slug], dataRetentionDays: [retentionDays] },
    error: update.error,
    overrides: { CONFLICT: "errors.slugTaken" },
    onEdit: () => {
      if (update.isSuccess) update.reset();
    },
  });

  return (
    <Card title={t("settings.organization.title")} description={t("settings.organization.description")}>
      <form
        ref={form.formRef}
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate({
            name: values.name.trim(),
            slug: values.slug,
            defaultCurrency: values.defaultCurrency,
            timezone: values.timezone,
            dataRetentionDays: Number(values.dataRetentionDays),
            ...(isLocale(values.locale) ? { locale: values.locale } : {}),
          }),
        )}
      >
        <fieldset disabled={!canEdit} className="space-y-6">
          <legend className="sr-only">{t("settings.organization.title")}</legend>
          {!canEdit && <Alert tone="info">{t("settings.readOnly")}</Alert>}
          {form.formError && <Alert tone="error">{form.formError}</Alert>}
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label={t("settings.organization.name")}
              autoComplete="organization"
              {...form.field("name")}
            />
            <TextField
              label={t("settings.organization.slug")}
              hint={t("settings.organization.slugHint")}
              spellCheck={false}
              autoCapitalize="none"
              {...form.field("slug")}
            />
            <SelectField
              label={t("settings.organization.currency")}
              options={currencyOptions(locale, form.values.defaultCurrency)}
              {...form.field("defaultCurrency")}
            />
            <SelectField
              label={t("settings.organization.timezone")}
              hint={t("settings.organization.timezoneHint")}
              options={timezoneOptions(form.values.timezone, locale)}
              {...form.field("timezone")}
            />
            <TextField
              label={t("settings.organization.retention")}
              hint={t("settings.organization.retentionHint", {
                min: minRetentionDays,
                max: maxRetentionDays,
              })}
              type="number"
              inputMode="numeric"
              min={minRetentionDays}
              max={maxRetentionDays}
              {...form.field("dataRetentionDays")}
            />
            <SelectField
              label={t("settings.organization.locale")}
              hint={t("settings.organization.localeHint")}
              options={locales.map((option) => ({ value: option, label: localeNames[option] }))}
              {...form.field("locale")}
            />
          </div>
          {canEdit && (
            <div className="flex flex-wrap items-center justify-end gap-4 border-t border-slate-200 pt-5">
              {/* always in the page, so screen readers announce the note when it appears */}
              <p role="status" className="flex items-center gap-1.5 text-sm font-medium text-emerald-700">
                {update.isSuccess && (
                  <>
                    <CircleCheck aria-hidden="true" className="size-4" />
                    {t("settings.saved")}
                  </>
                )}
              </p>
              <Button type="submit" loading={update.isPending}>
                {t("common.saveChanges")}
              </Button>
            </div>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
