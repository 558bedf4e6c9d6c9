import { useMutation } from "@tanstack/react-query";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { email, required } from "../../lib/validation";

export function ForgotPasswordForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const forgot = useMutation(trpc.auth.forgotPassword.mutationOptions());
  const form = useForm({
    initial: { email: "" },
    rules: { email: [required, email] },
    error: forgot.error,
    overrides: { UNAVAILABLE: "auth.forgot.unavailable" },
  });

  if (forgot.isSuccess) {
    // the page's footer already links back to the login
    return <Alert tone="success">{t("auth.forgot.sent", { email: form.values.email.trim() })}</Alert>;
  }

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => forgot.mutate({ email: values.email.trim() }))}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField label={t("auth.email")} type="email" autoComplete="email" {...form.field("email")} />
      <Button type="submit" className="w-full" loading={forgot.isPending}>
        {t("auth.forgot.submit")}
      </Button>
    </form>
  );
}
