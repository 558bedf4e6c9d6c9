import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClasses } from "../../components/ui/button";
import { PasswordField } from "../../components/ui/password-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { password } from "../../lib/validation";

export function ResetPasswordForm({ token }: { token: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const form = useForm({
    initial: { password: "" },
    rules: { password: [password] },
    error: reset.error,
    overrides: { NOT_FOUND: "errors.invalidToken" },
  });

  if (reset.isSuccess) {
    return (
      <div className="space-y-6">
        <Alert tone="success">{t("auth.reset.done")}</Alert>
        <Link to="/login" className={buttonClasses("primary", "md", "w-full")}>
          {t("auth.login.submit")}
        </Link>
      </div>
    );
  }

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => reset.mutate({ token, password: values.password }))}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <PasswordField
        label={t("auth.reset.newPassword")}
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        {...form.field("password")}
      />
      <Button type="submit" className="w-full" loading={reset.isPending}>
        {t("auth.reset.submit")}
      </Button>
    </form>
  );
}
