import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { PasswordField } from "../../components/ui/password-field";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { retryAfterMinutesOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { email, required } from "../../lib/validation";
import { useCompleteSignIn } from "./use-complete-sign-in";

export function LoginForm({ redirectTo }: { redirectTo?: string | undefined }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const completeSignIn = useCompleteSignIn();
  const login = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: (session) => completeSignIn(session, redirectTo) }),
  );
  const form = useForm({
    initial: { email: "", password: "" },
    rules: { email: [required, email], password: [required] },
    error: login.error,
  });
  const waitMinutes = retryAfterMinutesOf(login.error);
  const formError =
    waitMinutes === null ? form.formError : t("errors.rateLimitedFor", { count: waitMinutes });

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => login.mutate(values))}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t("auth.email")} type="email" autoComplete="email" {...form.field("email")} />
      <div className="space-y-1.5">
        <PasswordField
          label={t("auth.password")}
          autoComplete="current-password"
          {...form.field("password")}
        />
        <div className="text-right text-sm">
          <Link to="/forgot-password" className={textLinkClasses}>
            {t("auth.login.forgot")}
          </Link>
        </div>
      </div>
      <Button type="submit" className="w-full" loading={login.isPending || login.isSuccess}>
        {t("auth.login.submit")}
      </Button>
    </form>
  );
}
