import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { CheckboxField } from "../../components/ui/checkbox-field";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { toChoices, type WebhookEventChoice, webhookEventNames } from "./event-names";
import { SecretReveal } from "./secret-reveal";

export interface EditedWebhook {
  id: string;
  url: string;
  description: string | null;
  events: string[];
}

interface WebhookDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Absent: a new webhook, whose secret is shown once after it is added. */
  webhook?: EditedWebhook | undefined;
}

export function WebhookDialog({ open, onOpenChange, webhook }: WebhookDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [description, setDescription] = useState(webhook?.description ?? "");
  const [events, setEvents] = useState<WebhookEventChoice[]>(toChoices(webhook?.events ?? ["*"]));
  const [missingEvents, setMissingEvents] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.pathKey() });
  const create = useMutation(trpc.webhooks.create.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onOpenChange(false);
      },
    }),
  );
  const all = events.includes("*");

  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) create.reset();
  };

  if (create.data) {
    return (
      <Dialog open={open} onOpenChange={close} title={t("webhooks.created.title")}>
        <SecretReveal secret={create.data.secret} warning={t("webhooks.created.warning")} />
        <div className="mt-6 flex justify-end">
          <Button onClick={() => close(false)}>{t("common.done")}</Button>
        </div>
      </Dialog>
    );
  }

  const toggle = (event: WebhookEventChoice, checked: boolean) => {
    setMissingEvents(false);
    if (event === "*") return setEvents(checked ? ["*"] : []);
    const chosen = events.filter((name) => name !== "*" && name !== event);
    setEvents(checked ? [...chosen, event] : chosen);
  };

  const submit = () => {
    if (events.length === 0) return setMissingEvents(true);
    const body = { url: url.trim(), events, description: description.trim() || null };
    if (webhook) update.mutate({ id: webhook.id, ...body });
    else create.mutate(body);
  };

  const mutation = webhook ? update : create;
  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={t(webhook ? "webhooks.edit.title" : "webhooks.create.title")}
      size="lg"
    >
      <form
        noValidate
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <ErrorAlert error={mutation.error} />
        <TextField
          label={t("webhooks.url")}
          hint={t("webhooks.urlHint")}
          type="url"
          required
          placeholder="https://"
          autoComplete="off"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <TextField
          label={t("webhooks.descriptionField")}
          autoComplete="off"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-medium text-slate-700">{t("webhooks.events")}</legend>
          {missingEvents && <Alert tone="error">{t("webhooks.eventsRequired")}</Alert>}
          <CheckboxField
            label={t("webhooks.allEvents")}
            checked={all}
            onChange={(event) => toggle("*", event.target.checked)}
          />
          <div className="grid gap-2 pl-6 sm:grid-cols-2">
            {webhookEventNames.map((name) => (
              <CheckboxField
                key={name}
                label={t(`webhooks.event.${name}`)}
                hint={name}
                checked={all || events.includes(name)}
                disabled={all}
                onChange={(event) => toggle(name, event.target.checked)}
              />
            ))}
          </div>
        </fieldset>
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => close(false)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t(webhook ? "webhooks.edit.submit" : "webhooks.create.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
