import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { PasswordField } from "../../components/ui/password-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { password, required } from "../../lib/validation";

const empty = { currentPassword: "", newPassword: "" };

export function PasswordCard() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        form.setValues(empty);
        return queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() });
      },
    }),
  );
  const form = useForm({
    initial: empty,
    rules: { currentPassword: [required], newPassword: [password] },
    error: change.error,
    overrides: { UNAVAILABLE: "account.password.unavailable" },
    onEdit: () => {
      if (change.isSuccess) change.reset();
    },
  });

  return (
    <Card title={t("account.password.title")} description={t("account.password.description")}>
      <form
        ref={form.formRef}
        noValidate
        className="space-y-5"
        onSubmit={form.onSubmit((values) => change.mutate(values))}
      >
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        {change.isSuccess && <Alert tone="success">{t("account.password.changed")}</Alert>}
        <div className="grid gap-5 sm:grid-cols-2">
          <PasswordField
            label={t("account.password.current")}
            autoComplete="current-password"
            {...form.field("currentPassword")}
          />
          <PasswordField
            label={t("account.password.new")}
            autoComplete="new-password"
            hint={t("auth.passwordHint")}
            {...form.field("newPassword")}
          />
        </div>
        <div className="flex justify-end">
          <Button type="submit" loading={change.isPending}>
            {t("account.password.submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
