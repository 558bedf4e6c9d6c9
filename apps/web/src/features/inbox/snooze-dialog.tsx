import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog, initialFocus } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { type SnoozePreset, snoozeUntil, toLocalInputValue } from "./snooze";
import type { Conversation } from "./types";
import { useUpdateConversation } from "./use-update-conversation";

interface SnoozeDialogProps {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** the conversation as the server answered once snoozed */
  onSnoozed: (snoozed: Conversation) => void;
}

const presets: Array<{
  preset: SnoozePreset;
  label: "inbox.snooze.oneHour" | "inbox.snooze.tomorrow" | "inbox.snooze.nextWeek";
}> = [
  { preset: "oneHour", label: "inbox.snooze.oneHour" },
  { preset: "tomorrow", label: "inbox.snooze.tomorrow" },
  { preset: "nextWeek", label: "inbox.snooze.nextWeek" },
];

export function SnoozeDialog({ conversationId, open, onOpenChange, onSnoozed }: SnoozeDialogProps) {
  const { t } = useI18n();
  const [until, setUntil] = useState(() => toLocalInputValue(snoozeUntil("tomorrow", new Date())));
  const [invalid, setInvalid] = useState(false);
  const update = useUpdateConversation(() => onOpenChange(false));
  const snooze = (date: Date) => {
    if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    update.mutate(
      { id: conversationId, status: "snoozed", snoozedUntil: date.toISOString() },
      { onSuccess: onSnoozed },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("inbox.snooze.title")}
      description={t("inbox.snooze.description")}
    >
      <div className="space-y-5">
        <ErrorAlert error={update.error} />
        <div className="flex flex-wrap gap-2">
          {presets.map(({ preset, label }, index) => (
            <Button
              key={preset}
              // the quick choices come first, above the date field: the first one is where focus starts
              {...(index === 0 ? initialFocus : {})}
              variant="secondary"
              size="sm"
              disabled={update.isPending}
              onClick={() => snooze(snoozeUntil(preset, new Date()))}
            >
              {t(label)}
            </Button>
          ))}
        </div>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            snooze(new Date(until));
          }}
        >
          <TextField
            label={t("inbox.snooze.until")}
            type="datetime-local"
            value={until}
            onChange={(event) => setUntil(event.target.value)}
            error={invalid ? t("inbox.snooze.future") : undefined}
          />
          <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t("inbox.snooze.submit")}
            </Button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
