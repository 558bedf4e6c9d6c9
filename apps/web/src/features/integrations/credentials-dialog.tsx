import { useMutation } from "@tanstack/react-query";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { PasswordField } from "../../components/ui/password-field";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import {
  configFieldName,
  configOf,
  credentialFieldMessages,
  credentialRules,
  initialCredentialValues,
} from "./credentials-form";
import { credentialFields, type IntegrationKind, kindLabels } from "./integration-kinds";
import { type Integration, useIntegrationsChanged } from "./use-integrations";

interface CredentialsDialogProps {
  /** The kind to connect, or the integration to edit; null keeps the dialog closed. */
  target: { kind: IntegrationKind; integration?: Integration | undefined } | null;
  onClose: () => void;
  onConnected: (integration: Integration) => void;
}

export function CredentialsDialog({ target, onClose, onConnected }: CredentialsDialogProps) {
  const { t } = useI18n();
  const editing = target?.integration;
  const title = !target
    ? ""
    : editing
      ? t("integrations.form.editTitle", { name: editing.name })
      : t("integrations.form.connectTitle", { kind: kindLabels[target.kind] });
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => !open && onClose()}
      size="lg"
      title={title}
      description={t("integrations.form.description")}
    >
      {target && (
        <CredentialsForm
          key={editing?.id ?? target.kind}
          kind={target.kind}
          integration={editing}
          onClose={onClose}
          onConnected={onConnected}
        />
      )}
    </Dialog>
  );
}

interface CredentialsFormProps {
  kind: IntegrationKind;
  integration: Integration | undefined;
  onClose: () => void;
  onConnected: (integration: Integration) => void;
}

function CredentialsForm({ kind, integration, onClose, onConnected }: CredentialsFormProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const changed = useIntegrationsChanged();
  const mode = integration ? "edit" : "create";
  const done = async (saved: Integration) => {
    onConnected(saved);
    await changed();
  };
  const create = useMutation(trpc.integrations.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.integrations.update.mutationOptions({ onSuccess: done }));
  const mutation = integration ? update : create;
  const form = useForm({
    initial: initialCredentialValues(kind, integration?.name ?? ""),
    rules: credentialRules(kind, mode),
    error: mutation.error,
    overrides: {
      CONFLICT: "errors.integrationTaken",
      PROVIDER_ERROR: "integrations.error.providerUnreachable",
    },
    fieldMessages: credentialFieldMessages(kind, mutation.error),
  });

  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        const config = configOf(kind, values);
        const name = (values.name ?? "").trim();
        if (integration) update.mutate({ id: integration.id, name, config });
        else create.mutate({ channel: kind, name, config });
      })}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField
        label={t("integrations.form.name")}
        placeholder={t("integrations.form.namePlaceholder", { kind: kindLabels[kind] })}
        hint={t("integrations.form.nameHint")}
        autoComplete="off"
        {...form.field("name")}
      />
      {credentialFields[kind].map((field) => {
        const stored = integration?.config[field.name];
        const hint =
          stored && field.secret ? t("integrations.form.keepHint", { value: stored }) : t(field.hint);
        const props = {
          label: t(field.label),
          hint,
          autoComplete: "off",
          spellCheck: false,
          ...form.field(configFieldName(field.name)),
        };
        return field.secret ? (
          <PasswordField key={field.name} {...props} />
        ) : (
          <TextField key={field.name} {...props} placeholder={stored} />
        );
      })}
      <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
        <Button variant="secondary" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={mutation.isPending}>
          {integration ? t("integrations.form.save") : t("integrations.form.connect")}
        </Button>
      </div>
    </form>
  );
}
