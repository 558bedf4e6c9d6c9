import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, type RefObject, type SyntheticEvent, useId, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useTRPC } from "../../lib/trpc";
import { insertMention, type MentionCandidate, mentionQueryAt, suggestMembers } from "./mention-query";

interface Options {
  /** Only private notes mention anybody. */
  enabled: boolean;
  text: string;
  onTextChange: (text: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}

/**
 * Suggests team members while "@name" is typed in the note composer. Arrows move, Enter or Tab picks, Escape
 * closes; the composer calls `onKeyDown` first and skips its own handling when it answers true.
 */
export function useMentionAutocomplete({ enabled, text, onTextChange, textarea }: Options) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const listId = useId();
  const users = useQuery({ ...trpc.users.list.queryOptions({ limit: 100 }), enabled });
  const members: MentionCandidate[] = users.data?.items ?? [];
  const [caret, setCaret] = useState<number | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState({ key: "", index: 0 });

  const query = enabled && caret !== null ? mentionQueryAt(text, caret) : null;
  const candidates = query && query.start !== dismissedAt ? suggestMembers(members, query.query) : [];
  const open = query !== null && candidates.length > 0;
  const key = query ? `${query.start}:${query.query}` : "";
  const activeIndex = active.key === key ? Math.min(active.index, candidates.length - 1) : 0;

  const pick = (member: MentionCandidate) => {
    if (!query || caret === null) return;
    const next = insertMention(text, query.start, caret, member, members);
    onTextChange(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(next.caret, next.caret));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const move = (by: number) =>
      setActive({ key, index: (activeIndex + by + candidates.length) % candidates.length });
    if (event.key === "ArrowDown") move(1);
    else if (event.key === "ArrowUp") move(-1);
    else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
      const chosen = candidates[activeIndex];
      if (chosen) pick(chosen);
    } else if (event.key === "Escape") {
      // closes the suggestions only, not whatever the composer sits in
      event.stopPropagation();
      setDismissedAt(query.start);
    } else return false;
    event.preventDefault();
    return true;
  };

  const onSelect = (event: SyntheticEvent<HTMLTextAreaElement>) => {
    const { selectionStart, selectionEnd } = event.currentTarget;
    setCaret(selectionStart === selectionEnd ? selectionStart : null);
  };

  const optionId = (index: number) => `${listId}-${index}`;
  const textareaProps = {
    onSelect,
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? optionId(activeIndex) : undefined,
  };

  const popup = open ? (
    <div
      id={listId}
      role="listbox"
      aria-label={t("notifications.mentions.suggestions")}
      className="absolute bottom-full left-3 z-20 mb-1 w-72 max-w-[calc(100%-1.5rem)] overflow-hidden rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200"
    >
      {candidates.map((member, index) => (
        <div
          key={member.id}
          id={optionId(index)}
          role="option"
          tabIndex={-1}
          aria-selected={index === activeIndex}
          // keeps the focus (and the caret) in the textarea
          onMouseDown={(event) => {
            event.preventDefault();
            pick(member);
          }}
          className={cx(
            "cursor-pointer px-3 py-1.5 text-sm",
            index === activeIndex ? "bg-indigo-50 text-indigo-900" : "text-slate-800",
          )}
        >
          <span className="block truncate font-medium">{member.name}</span>
          <span className="block truncate text-xs text-slate-600">{member.email}</span>
        </div>
      ))}
    </div>
  ) : null;

  return { onKeyDown, textareaProps, popup };
}
