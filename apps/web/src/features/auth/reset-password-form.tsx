import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClasses } from "../../components/ui/button";
import { Loading } from "../../components/ui/loading";
import { PasswordField } from "../../components/ui/password-field";
import { useI18n } from "../../i18n/i18n-provider";
import { errorCodeOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { password } from "../../lib/validation";
import { MissingToken } from "./missing-token";

/**
 * A used or expired link says so when the page opens, with the way to a new one, instead of a form that could
 * only fail after a password was typed.
 */
export function ResetPassword({ token }: { token: string }) {
  const trpc = useTRPC();
  const check = useQuery(
    trpc.auth.resetToken.queryOptions({ token }, { retry: false, staleTime: Number.POSITIVE_INFINITY }),
  );
  if (check.isPending) return <Loading />;
  if (check.data && !check.data.valid) return <UnusableLink />;
  // not read (offline, too many attempts): the form still works, and says what is wrong when sent
  return <ResetPasswordForm token={token} />;
}

function UnusableLink() {
  const { t } = useI18n();
  return (
    <MissingToken
      message={t("auth.reset.unusable")}
      action={t("auth.reset.requestNew")}
      to="/forgot-password"
    />
  );
}

function ResetPasswordForm({ token }: { token: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const form = useForm({
    initial: { password: "" },
    rules: { password: [password] },
    error: reset.error,
    overrides: { NOT_FOUND: "errors.invalidToken" },
  });

  // used in another tab meanwhile
  if (errorCodeOf(reset.error) === "INVALID_TOKEN") return <UnusableLink />;

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
