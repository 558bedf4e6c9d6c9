import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { PasswordField } from "../../components/ui/password-field";
import { TextField } from "../../components/ui/text-field";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { email, password, required } from "../../lib/validation";
import { useCompleteSignIn } from "./use-complete-sign-in";

export function SignupForm() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const completeSignIn = useCompleteSignIn();
  const register = useMutation(
    trpc.auth.register.mutationOptions({ onSuccess: (session) => completeSignIn(session) }),
  );
  const form = useForm({
    initial: { organizationName: "", name: "", email: "", password: "" },
    rules: { organizationName: [required], name: [required], email: [required, email], password: [password] },
    error: register.error,
    overrides: { CONFLICT: "errors.emailTaken" },
  });

  const emailField = form.field("email");

  // The organization starts in the language the person signs up in, its pipeline's stage names too.
  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => register.mutate({ ...values, locale }))}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField
        label={t("auth.signup.organizationName")}
        autoComplete="organization"
        {...form.field("organizationName")}
      />
      <TextField label={t("auth.name")} autoComplete="name" {...form.field("name")} />
      <TextField
        label={t("auth.workEmail")}
        type="email"
        autoComplete="email"
        {...emailField}
        errorAction={
          emailField.error === t("errors.emailTaken") && (
            <Link to="/login" className={textLinkClasses}>
              {t("auth.signup.tryLogin")}
            </Link>
          )
        }
      />
      <PasswordField
        label={t("auth.password")}
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        {...form.field("password")}
      />
      <Button type="submit" className="w-full" loading={register.isPending || register.isSuccess}>
        {t("auth.signup.submit")}
      </Button>
    </form>
  );
}
