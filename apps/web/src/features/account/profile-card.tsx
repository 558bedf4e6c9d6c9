import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { required } from "../../lib/validation";
import { useSession } from "../auth/use-session";

export function ProfileCard() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const update = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      // the shell and the team list show the name
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );
  const form = useForm({
    initial: { name: user.name },
    rules: { name: [required] },
    error: update.error,
    onEdit: () => {
      if (update.isSuccess) update.reset();
    },
  });

  return (
    <Card title={t("account.profile.title")} description={t("account.profile.description")}>
      <form
        ref={form.formRef}
        noValidate
        className="space-y-5"
        onSubmit={form.onSubmit((values) => update.mutate({ name: values.name.trim() }))}
      >
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField label={t("account.profile.name")} autoComplete="name" {...form.field("name")} />
          <TextField
            label={t("account.profile.email")}
            hint={t("account.profile.emailHint")}
            type="email"
            value={user.email}
            readOnly
          />
        </div>
        <div className="flex flex-wrap items-center justify-end gap-4">
          <p role="status" className="flex items-center gap-1.5 text-sm font-medium text-emerald-700">
            {update.isSuccess && (
              <>
                <CircleCheck aria-hidden="true" className="size-4" />
                {t("account.profile.saved")}
              </>
            )}
          </p>
          <Button type="submit" loading={update.isPending}>
            {t("common.saveChanges")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
