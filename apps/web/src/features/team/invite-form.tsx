import type { Role } from "@crm/domain/shared/permissions";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { email, required } from "../../lib/validation";
import { grantableRoles, roleLabels } from "./roles";

export function InviteForm({ actorRole }: { actorRole: Role }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = grantableRoles(actorRole);
  /** A pending invitation to the address was replaced: its link no longer works, and the role may differ. */
  const sentMessage = ({
    email,
    role,
    replacedRole,
  }: {
    email: string;
    role: Role;
    replacedRole: Role | null;
  }) =>
    replacedRole === null
      ? t("team.invite.sent", { email })
      : replacedRole === role
        ? t("team.invite.resent", { email })
        : t("team.invite.replaced", {
            email,
            role: t(roleLabels[role]),
            previous: t(roleLabels[replacedRole]),
          });
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: () => {
        form.setValues((current) => ({ ...current, email: "" }));
        return queryClient.invalidateQueries({ queryKey: trpc.invitations.list.pathKey() });
      },
    }),
  );
  const form = useForm({
    initial: { email: "", role: "agent" },
    rules: { email: [required, email] },
    error: invite.error,
    overrides: { CONFLICT: "errors.alreadyMember", UNAVAILABLE: "team.invite.unavailable" },
    onEdit: () => {
      if (invite.isSuccess) invite.reset();
    },
  });

  return (
    <Card title={t("team.invite.title")} description={t("team.invite.description")}>
      <form
        ref={form.formRef}
        noValidate
        className="space-y-4"
        onSubmit={form.onSubmit((values) => {
          const role = options.find((option) => option === values.role);
          if (role) invite.mutate({ email: values.email.trim(), role });
        })}
      >
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        {invite.isSuccess && <Alert tone="success">{sentMessage(invite.data)}</Alert>}
        <div className="grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]">
          <TextField
            label={t("auth.email")}
            type="email"
            autoComplete="off"
            placeholder={t("team.invite.emailPlaceholder")}
            {...form.field("email")}
          />
          <SelectField
            label={t("team.role")}
            options={options.map((role) => ({ value: role, label: t(roleLabels[role]) }))}
            {...form.field("role")}
          />
          <Button type="submit" className="sm:mt-6.5" loading={invite.isPending}>
            {t("team.invite.submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
