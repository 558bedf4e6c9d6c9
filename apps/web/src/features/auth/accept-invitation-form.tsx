import { useMutation } from "@tanstack/react-query";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { PasswordField } from "../../components/ui/password-field";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { password, required } from "../../lib/validation";
import { useCompleteSignIn } from "./use-complete-sign-in";

/** `email`: the invited address, shown so the browser saves the new password for it (null: not known). */
export function AcceptInvitationForm({ token, email }: { token: string; email: string | null }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const completeSignIn = useCompleteSignIn();
  const accept = useMutation(
    trpc.auth.acceptInvitation.mutationOptions({ onSuccess: (session) => completeSignIn(session) }),
  );
  const form = useForm({
    initial: { name: "", password: "" },
    rules: { name: [required], password: [password] },
    error: accept.error,
    overrides: {
      NOT_FOUND: "errors.invitationInvalid",
      INVALID_TOKEN: "errors.invitationInvalid",
      CONFLICT: "errors.accountElsewhere",
    },
  });

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => accept.mutate({ token, ...values }))}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      {email && (
        <TextField
          label={t("auth.email")}
          type="email"
          autoComplete="username"
          readOnly
          value={email}
          className="bg-slate-50 text-slate-600"
        />
      )}
      <TextField label={t("auth.name")} autoComplete="name" {...form.field("name")} />
      <PasswordField
        label={t("auth.password")}
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        {...form.field("password")}
      />
      <Button type="submit" className="w-full" loading={accept.isPending || accept.isSuccess}>
        {t("auth.invitation.submit")}
      </Button>
    </form>
  );
}
