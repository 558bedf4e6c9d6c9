import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { useMemberNames } from "../deals/use-deal-options";
import type { TypingEntry } from "../realtime/cache-updaters";
import { typingKey } from "../realtime/handle-event";

/** Teammates typing in this conversation, until their indicator expires. */
export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const names = useMemberNames();
  const { data } = useQuery<TypingEntry[]>({
    queryKey: typingKey(conversationId),
    queryFn: () => [],
    staleTime: Number.POSITIVE_INFINITY,
  });
  // Re-rendered when the earliest indicator expires, so it disappears even if no event says so.
  const [, setExpired] = useState(0);
  const now = Date.now();
  const typing = (data ?? []).filter((entry) => new Date(entry.expiresAt).getTime() > now);
  const nextExpiry = Math.min(...typing.map((entry) => new Date(entry.expiresAt).getTime()));
  useEffect(() => {
    if (!Number.isFinite(nextExpiry)) return;
    const wait = Math.max(nextExpiry - Date.now(), 0) + 50;
    const timer = setTimeout(() => setExpired((count) => count + 1), wait);
    return () => clearTimeout(timer);
  }, [nextExpiry]);

  return (
    <p aria-live="polite" className="h-5 bg-slate-50 px-4 text-xs text-slate-500 italic">
      {typing.length > 0 &&
        t("inbox.thread.typing", {
          names: typing.map((entry) => names.get(entry.userId) ?? "…").join(", "),
          count: typing.length,
        })}
    </p>
  );
}
