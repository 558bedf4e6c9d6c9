import type { Role } from "@crm/domain/shared/permissions";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { controlClasses } from "../../components/ui/field";
import { SelectField } from "../../components/ui/select-field";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { required } from "../../lib/validation";
import { grantableRoles, roleLabels } from "../team/roles";
import { CopyButton } from "./copy-button";

interface CreateApiKeyDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actorRole: Role;
}

/** Creates a key and shows its secret exactly once; closing the dialog forgets it. */
export function CreateApiKeyDialog({ open, onOpenChange, actorRole }: CreateApiKeyDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = grantableRoles(actorRole);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.pathKey() }),
    }),
  );
  const form = useForm({
    initial: { name: "", role: "agent" },
    rules: { name: [required] },
    error: create.error,
  });

  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      create.reset();
      form.setValues({ name: "", role: "agent" });
    }
  };

  if (create.data) {
    return (
      <Dialog open={open} onOpenChange={close} title={t("apiKeys.created.title")}>
        <SecretReveal secret={create.data.secret} />
        <div className="mt-6 flex justify-end">
          <Button onClick={() => close(false)}>{t("common.done")}</Button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={t("apiKeys.create.title")}
      description={t("apiKeys.create.description")}
    >
      <form
        ref={form.formRef}
        noValidate
        className="space-y-5"
        onSubmit={form.onSubmit((values) => {
          const role = options.find((option) => option === values.role);
          if (role) create.mutate({ name: values.name.trim(), role });
        })}
      >
        {form.formError && <Alert tone="error">{form.formError}</Alert>}
        <TextField
          label={t("apiKeys.name")}
          placeholder={t("apiKeys.namePlaceholder")}
          autoComplete="off"
          {...form.field("name")}
        />
        <SelectField
          label={t("team.role")}
          hint={t("apiKeys.roleHint")}
          options={options.map((role) => ({ value: role, label: t(roleLabels[role]) }))}
          {...form.field("role")}
        />
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => close(false)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("apiKeys.create.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SecretReveal({ secret }: { secret: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="space-y-4">
      <Alert tone="info">{t("apiKeys.created.warning")}</Alert>
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {t("apiKeys.created.secret")}
        </label>
        <div className="flex gap-2">
          <input
            id={id}
            readOnly
            value={secret}
            onFocus={(event) => event.currentTarget.select()}
            className={`${controlClasses} font-mono text-xs`}
          />
          <CopyButton text={secret} />
        </div>
      </div>
    </div>
  );
}
