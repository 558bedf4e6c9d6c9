import { CircleAlert } from "lucide-react";
import { useI18n } from "../../i18n/i18n-provider";
import { isCredentialFailure } from "./send-failure";

/**
 * Above the provider's own words (English, technical): that the message did not go out, and when the channel's
 * credentials were refused, who can fix it.
 */
export function FailedSendReason({ error }: { error: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <p className="font-medium">
        {t("inbox.thread.notSent")}
        {isCredentialFailure(error) && ` ${t("inbox.thread.notSentCredentials")}`}
      </p>
      {error && <p className="text-red-700/90">{error}</p>}
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
