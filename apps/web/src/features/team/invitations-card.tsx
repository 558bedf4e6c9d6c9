import { can, canGrantRole, type Role } from "@crm/domain/shared/permissions";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { useWideEnoughForTable } from "../../components/ui/card-list";
import { ConfirmDialog } from "../../components/ui/confirm-dialog";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { Table, Td, Th } from "../../components/ui/table";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDate, isPast } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { pendingInvitations } from "./pending-invitations";
import { roleLabels, roleTones } from "./roles";

interface PendingInvitation {
  id: string;
  email: string;
}

export function InvitationsCard({ actorRole }: { actorRole: Role }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<PendingInvitation | null>(null);
  const invitations = useInfiniteQuery(
    trpc.invitations.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.pathKey() });
      },
    }),
  );
  const mayRevoke = can(actorRole, "users:invite");
  const items = pendingInvitations(invitations.data?.pages.flatMap((page) => page.items) ?? []);
  const wide = useWideEnoughForTable();

  /** What is shown of an invitation, laid out as a table row on a wide screen and as a card on a phone. */
  const invitationParts = (invitation: (typeof items)[number]) => ({
    role: <Badge tone={roleTones[invitation.role]}>{t(roleLabels[invitation.role])}</Badge>,
    status: isPast(invitation.expiresAt) ? (
      <Badge tone="warning">{t("team.invitations.expired")}</Badge>
    ) : (
      <span className="text-slate-600">
        {t("team.invitations.expires", { date: formatDate(invitation.expiresAt, locale) })}
      </span>
    ),
    revoke: mayRevoke && canGrantRole(actorRole, invitation.role) && (
      <Button
        variant="secondary"
        size="sm"
        aria-label={t("team.invitations.revokeLabel", { email: invitation.email })}
        onClick={() => {
          revoke.reset();
          setRevoking(invitation);
        }}
      >
        {t("team.invitations.revoke")}
      </Button>
    ),
  });

  return (
    <Card title={t("team.invitations.title")} description={t("team.invitations.description")}>
      <RefreshFailedNotice query={invitations} />
      {invitations.isPending ? (
        <Loading />
      ) : invitations.isLoadingError ? (
        <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">{t("team.invitations.empty")}</p>
      ) : (
        <>
          {wide ? (
            <Table
              caption={t("team.invitations.title")}
              head={
                <>
                  <Th>{t("auth.email")}</Th>
                  <Th>{t("team.role")}</Th>
                  <Th>{t("team.invitations.status")}</Th>
                  <Th>
                    <span className="sr-only">{t("common.actions")}</span>
                  </Th>
                </>
              }
            >
              {items.map((invitation) => {
                const parts = invitationParts(invitation);
                return (
                  <tr key={invitation.id}>
                    <Td className="font-medium text-slate-900">{invitation.email}</Td>
                    <Td>{parts.role}</Td>
                    <Td className="whitespace-nowrap">{parts.status}</Td>
                    <Td className="text-right">{parts.revoke}</Td>
                  </tr>
                );
              })}
            </Table>
          ) : (
            // a phone: one card per invitation, so its status and Revoke are not off-screen to the side
            <ul aria-label={t("team.invitations.title")} className="-mx-6 divide-y divide-slate-100">
              {items.map((invitation) => {
                const parts = invitationParts(invitation);
                return (
                  <li key={invitation.id} className="px-6 py-4 text-sm">
                    <div className="font-medium text-slate-900 wrap-anywhere">{invitation.email}</div>
                    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
                      {parts.role}
                      {parts.status}
                      <span className="ml-auto">{parts.revoke}</span>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <LoadMore {...invitations} />
        </>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (!open) setRevoking(null);
        }}
        title={t("team.invitations.revokeTitle")}
        description={t("team.invitations.revokeDescription", { email: revoking?.email ?? "" })}
        confirmLabel={t("team.invitations.revoke")}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (revoking) revoke.mutate({ id: revoking.id });
        }}
      />
    </Card>
  );
}
