import { X } from "lucide-react";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import type { NoteMentions } from "./types";

/** The mentions of the last note sent in a conversation, until dismissed or the next message. */
export function useLastNoteMentions(conversationId: string) {
  const [last, setLast] = useState<{ conversationId: string; mentions: NoteMentions } | null>(null);
  return {
    mentions: last?.conversationId === conversationId ? last.mentions : null,
    show: (mentions: NoteMentions | undefined) => setLast(mentions ? { conversationId, mentions } : null),
    dismiss: () => setLast(null),
  };
}

/** After a note is sent: who its @mentions notified, and who they did not and why. */
export function NoteMentionNotice({
  mentions,
  onDismiss,
}: {
  mentions: NoteMentions;
  onDismiss: () => void;
}) {
  const { t, locale } = useI18n();
  const { notified, notNotified } = mentions;
  if (notified.length === 0 && notNotified.length === 0) return null;
  const and = new Intl.ListFormat(locale, { type: "conjunction" });
  const or = new Intl.ListFormat(locale, { type: "disjunction" });
  const names = (members: NoteMentions["notified"]) => members.map((member) => member.name);
  return (
    <div
      role="status"
      className="mb-2 flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
    >
      <ul className="min-w-0 flex-1 space-y-0.5">
        {notified.length > 0 && (
          <li>{t("notifications.mentions.notified", { names: and.format(names(notified)) })}</li>
        )}
        {notNotified.map(({ handle, reason, members }) => (
          <li key={handle}>
            {reason === "ambiguous"
              ? t("notifications.mentions.ambiguous", { handle, names: or.format(names(members)) })
              : t("notifications.mentions.noAccess", { handle, name: members[0]?.name ?? handle })}
          </li>
        ))}
      </ul>
      <button
        type="button"
        aria-label={t("common.dismiss")}
        onClick={onDismiss}
        className="-mr-1 rounded-md p-1 text-amber-800 hover:bg-amber-100"
      >
        <X aria-hidden="true" className="size-4" />
      </button>
    </div>
  );
}
