import { CircleAlert } from "lucide-react";
import { useI18n } from "../../i18n/i18n-provider";
import { channelLabelKey } from "./channel-icon";
import { type SendFailureKind, sendFailureKind } from "./send-failure";
import type { Channel } from "./types";

const reasonKeys = {
  credentials: "inbox.thread.failure.credentials",
  unreachable: "inbox.thread.failure.unreachable",
  unconfirmed: "inbox.thread.failure.unconfirmed",
  interrupted: "inbox.thread.failure.interrupted",
  refused: "inbox.thread.failure.refused",
  unknown: "inbox.thread.failure.unknown",
} as const satisfies Record<SendFailureKind, string>;

/**
 * That the message did not go out and why, in the user's words; the provider's own (English, technical) stay
 * behind a details toggle, for whoever fixes the channel.
 */
export function FailedSendReason({ error, channel }: { error: string | null; channel: Channel }) {
  const { t } = useI18n();
  return (
    <>
      <p className="font-medium">
        {t("inbox.thread.notSent")}{" "}
        {t(reasonKeys[sendFailureKind(error)], { channel: t(channelLabelKey(channel)) })}
      </p>
      {error && (
        <details className="text-red-700/90">
          <summary className="cursor-pointer">{t("inbox.thread.failure.details")}</summary>
          <p className="mt-1 break-words">{error}</p>
        </details>
      )}
    </>
  );
}

/** In the inbox list, before the preview: the conversation's newest message did not go out. */
export function LastMessageFailed() {
  const { t } = useI18n();
  return (
    <span className="inline-flex shrink-0 items-center gap-1 text-xs font-medium text-red-700">
      <CircleAlert aria-hidden="true" className="size-3.5" />
      {t("inbox.lastMessageFailed")}
    </span>
  );
}
