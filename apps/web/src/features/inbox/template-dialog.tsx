import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TextField } from "../../components/ui/text-field";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { useTRPC } from "../../lib/trpc";
import { parseTemplateDraft, type TemplateDraft, type TemplateField } from "./template-input";
import type { Message } from "./types";

interface TemplateDialogProps {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSent: (message: Message) => void;
  /** What the form holds when it opens (to correct a template WhatsApp refused); empty otherwise. */
  initial?: TemplateDraft;
}

const emptyDraft: TemplateDraft = { name: "", language: "pt_BR", parameters: "" };

/** WhatsApp's way past the 24-hour window: an approved template, by name and language, with its parameters. */
export function TemplateDialog({ conversationId, open, onOpenChange, onSent, initial }: TemplateDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [draft, setDraft] = useState(initial ?? emptyDraft);
  const [invalid, setInvalid] = useState<TemplateField[]>([]);
  const send = useMutation(
    trpc.conversations.sendMessage.mutationOptions({
      onSuccess: ({ mentions: _mentions, ...message }) => {
        onSent(message);
        setDraft(initial ?? emptyDraft);
        onOpenChange(false);
      },
    }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // the dialog is portalled out of the composer's form, but React still bubbles its submit there
    event.stopPropagation();
    const parsed = parseTemplateDraft(draft);
    setInvalid(parsed.ok ? [] : parsed.invalid);
    if (parsed.ok && !send.isPending) send.mutate({ id: conversationId, template: parsed.template });
  };
  const change = (field: keyof TemplateDraft, value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const errorOf = (field: TemplateField, key: PlainMessageKey) =>
    invalid.includes(field) ? t(key) : undefined;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("inbox.template.title")}
      description={t("inbox.template.description")}
    >
      <form noValidate className="space-y-4" onSubmit={submit}>
        <ErrorAlert
          error={send.error}
          overrides={{
            UNPROCESSABLE: "inbox.errors.channelUnavailable",
            NOT_FOUND: "inbox.errors.noLongerVisible",
          }}
        />
        <TextField
          label={t("inbox.template.name")}
          hint={t("inbox.template.nameHint")}
          value={draft.name}
          onChange={(event) => change("name", event.target.value)}
          error={errorOf("name", "inbox.template.nameInvalid")}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label={t("inbox.template.language")}
          hint={t("inbox.template.languageHint")}
          value={draft.language}
          onChange={(event) => change("language", event.target.value)}
          error={errorOf("language", "inbox.template.languageInvalid")}
          autoComplete="off"
          spellCheck={false}
        />
        <TextareaField
          label={t("inbox.template.parameters")}
          hint={t("inbox.template.parametersHint")}
          value={draft.parameters}
          onChange={(event) => change("parameters", event.target.value)}
          error={errorOf("parameters", "inbox.template.parametersInvalid")}
        />
        <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={send.isPending}>
            {t("inbox.template.submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
