import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "../../components/ui/alert";
import { buttonClasses } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";
import { useMemberNames } from "../deals/use-deal-options";
import { type AccessLost, accessLostKey } from "../realtime/handle-event";

/** Who has the conversation now, if a reassignment took it out of the user's view while it was open. */
export function useAccessLost(conversationId: string): AccessLost | undefined {
  const { data } = useQuery<AccessLost | null>({
    queryKey: accessLostKey(conversationId),
    queryFn: () => null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data ?? undefined;
}

export function AccessLostNotice({ lost, className }: { lost: AccessLost; className?: string }) {
  const { t } = useI18n();
  const names = useMemberNames();
  const name = lost.assignedTo ? names.get(lost.assignedTo) : undefined;
  return (
    <Alert tone="info" className={className}>
      {name ? t("inbox.accessLost.assignedTo", { name }) : t("inbox.accessLost.someoneElse")}
    </Alert>
  );
}

/**
 * A conversation the agent opened without a realtime event having said she lost it (a link, a bookmark, a
 * notification after a reload): the server only answers 404, which says neither whether it was ever hers nor
 * whether it still exists.
 */
export function NoAccessNotice({ className }: { className?: string }) {
  const { t } = useI18n();
  return (
    <div className={className}>
      <Alert tone="info">{t("inbox.noAccess")}</Alert>
      <Link to="/inbox" className={buttonClasses("secondary", "sm", "mt-3")}>
        {t("inbox.backToList")}
      </Link>
    </div>
  );
}
