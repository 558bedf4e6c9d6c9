import { X } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime } from "../../lib/format";
import type { Conversation } from "./types";

/** The status a snooze can be undone to: only open and pending conversations can be snoozed. */
type AwakeStatus = "open" | "pending";

interface LastSnooze {
  conversationId: string;
  /** the snoozed conversation as the server answered it: its time and version */
  snoozed: Pick<Conversation, "snoozedUntil" | "updatedAt">;
  before: AwakeStatus;
  undone: boolean;
}

/** The last snooze done here, until dismissed, undone, or the conversation wakes or changes otherwise. */
export function useLastSnooze(conversation: Conversation) {
  const [last, setLast] = useState<LastSnooze | null>(null);
  const mine = last?.conversationId === conversation.id ? last : null;
  // reopened by hand, woken, snoozed again or closed elsewhere: what the notice says is no longer so
  const current =
    mine &&
    (mine.undone
      ? conversation.status === mine.before
      : conversation.status === "snoozed" && conversation.snoozedUntil === mine.snoozed.snoozedUntil)
      ? mine
      : null;
  return {
    current,
    snoozed: (snoozed: Conversation, before: Conversation["status"]) => {
      if (before !== "open" && before !== "pending") return;
      setLast({ conversationId: snoozed.id, snoozed, before, undone: false });
    },
    undone: () => setLast((shown) => shown && { ...shown, undone: true }),
    dismiss: () => setLast(null),
  };
}

interface SnoozeNoticeProps {
  last: LastSnooze | null;
  undoing: boolean;
  onUndo: (undo: { status: AwakeStatus; expectedUpdatedAt: string }) => void;
  onDismiss: () => void;
}

/**
 * What a snooze did, and until when, with an Undo that brings the conversation back as it was (open or
 * pending). The live region is always in the page, so screen readers announce the notice when it fills.
 */
export function SnoozeNotice({ last, undoing, onUndo, onDismiss }: SnoozeNoticeProps) {
  const { t, locale } = useI18n();
  return (
    // never hidden, or it would join the accessibility tree with its text and go unannounced; empty, it
    // takes back the gap the actions' column puts before it
    <div role="status" className="empty:-mt-2">
      {last && (
        <div className="flex max-w-sm items-center gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200 ring-inset">
          <p className="min-w-0 flex-1">
            {last.undone
              ? t(last.before === "open" ? "inbox.snooze.undoneOpen" : "inbox.snooze.undonePending")
              : t("inbox.snooze.done", {
                  date: formatDateTime(last.snoozed.snoozedUntil ?? "", locale),
                })}
          </p>
          {!last.undone && (
            <Button
              variant="secondary"
              size="sm"
              loading={undoing}
              onClick={() => onUndo({ status: last.before, expectedUpdatedAt: last.snoozed.updatedAt })}
            >
              {t("inbox.snooze.undo")}
            </Button>
          )}
          <button
            type="button"
            aria-label={t("common.dismiss")}
            onClick={onDismiss}
            className="-mr-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
      )}
    </div>
  );
}
