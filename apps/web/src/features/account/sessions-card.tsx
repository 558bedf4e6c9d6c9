import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Monitor } from "lucide-react";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { ErrorAlert } from "../../components/ui/error-alert";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";

export function SessionsCard() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const signOutOthers = useMutation(
    trpc.auth.signOutOtherSessions.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() }),
    }),
  );
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;

  return (
    <Card title={t("account.sessions.title")} description={t("account.sessions.description")}>
      <div className="space-y-4">
        {sessions.isLoadingError && (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        )}
        <RefreshFailedNotice query={sessions} />
        {signOutOthers.error && <ErrorAlert error={signOutOthers.error} />}
        {signOutOthers.isSuccess && <Alert tone="success">{t("account.sessions.signedOut")}</Alert>}
        <ul aria-label={t("account.sessions.title")} className="divide-y divide-slate-200">
          {sessions.data?.items.map((session) => (
            <li key={session.createdAt + (session.userAgent ?? "")} className="flex items-start gap-3 py-3">
              <Monitor aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-slate-400" />
              <div className="min-w-0 flex-1">
                <p className="text-sm break-words text-slate-800">
                  {session.userAgent ?? t("account.sessions.unknownDevice")}
                </p>
                <p className="text-xs text-slate-500">
                  {t("account.sessions.since", { date: formatDateTime(session.createdAt, locale) })}
                </p>
              </div>
              {session.current && <Badge tone="accent">{t("account.sessions.current")}</Badge>}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap items-center justify-end gap-4">
          {sessions.data && others === 0 && !signOutOthers.isSuccess && (
            <p className="text-sm text-slate-500">{t("account.sessions.noneOther")}</p>
          )}
          <Button
            variant="secondary"
            loading={signOutOthers.isPending}
            onClick={() => signOutOthers.mutate({})}
          >
            {t("account.sessions.signOutOthers")}
          </Button>
        </div>
      </div>
    </Card>
  );
}
