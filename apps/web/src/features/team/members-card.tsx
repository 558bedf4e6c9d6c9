import { can, isRole, type Role } from "@crm/domain/shared/permissions";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, Trash2 } from "lucide-react";
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
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { releasedConversationsText, useReleasedConversations } from "./released-conversations";
import { grantableRoles, roleAbilities, roleLabels, roleTones } from "./roles";

interface Actor {
  id: string;
  role: Role;
}

interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  lastLoginAt: string | null;
}

export function MembersCard({ actor }: { actor: Actor }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [changing, setChanging] = useState<{ member: Member; role: Role } | null>(null);
  const members = useInfiniteQuery(
    trpc.users.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
  const changeRole = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async () => {
        setChanging(null);
        await refresh();
      },
    }),
  );
  const released = useReleasedConversations(changing);
  const remove = useMutation(
    trpc.users.remove.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await refresh();
      },
    }),
  );

  const mayChangeRoles = can(actor.role, "users:update");
  const mayRemove = can(actor.role, "users:remove");
  const roleOptions = grantableRoles(actor.role);
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  const wide = useWideEnoughForTable();

  /** What is shown of a member, laid out as a table row on a wide screen and as a card on a phone. */
  const memberParts = (member: Member) => {
    const isSelf = member.id === actor.id;
    // Admins cannot touch owners; nobody edits their own role here (it would end their session).
    const editable = mayChangeRoles && !isSelf && roleOptions.includes(member.role);
    return {
      who: (
        <>
          <div className="font-medium text-slate-900">
            {member.name}
            {isSelf && <span className="ml-2 text-xs font-normal text-slate-500">{t("team.you")}</span>}
          </div>
          <div className="text-slate-500">{member.email}</div>
        </>
      ),
      role: editable ? (
        <RoleSelect
          member={member}
          options={roleOptions}
          disabled={changeRole.isPending}
          onChange={(role) => {
            changeRole.reset();
            setChanging({ member, role });
          }}
        />
      ) : (
        <Badge tone={roleTones[member.role]}>{t(roleLabels[member.role])}</Badge>
      ),
      lastActive: member.lastLoginAt ? formatDateTime(member.lastLoginAt, locale) : t("team.never"),
      remove: mayRemove && !isSelf && (
        <Button
          variant="ghost"
          size="sm"
          aria-label={t("team.remove.label", { name: member.name })}
          onClick={() => {
            remove.reset();
            setRemoving(member);
          }}
        >
          <Trash2 aria-hidden="true" className="size-4" />
        </Button>
      ),
    };
  };

  return (
    <Card title={t("team.members.title")} description={t("team.members.description")}>
      <RefreshFailedNotice query={members} />
      {members.isPending ? (
        <Loading />
      ) : members.isLoadingError ? (
        <QueryError error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <>
          {wide ? (
            <Table
              caption={t("team.members.title")}
              head={
                <>
                  <Th>{t("team.name")}</Th>
                  <Th>{t("team.role")}</Th>
                  <Th>{t("team.lastActive")}</Th>
                  <Th>
                    <span className="sr-only">{t("common.actions")}</span>
                  </Th>
                </>
              }
            >
              {items.map((member) => {
                const parts = memberParts(member);
                return (
                  <tr key={member.id}>
                    <Td>{parts.who}</Td>
                    <Td>{parts.role}</Td>
                    <Td className="whitespace-nowrap text-slate-600">{parts.lastActive}</Td>
                    <Td className="text-right">{parts.remove}</Td>
                  </tr>
                );
              })}
            </Table>
          ) : (
            // a phone: one card per member, so the last login and Remove are not off-screen to the side
            <ul aria-label={t("team.members.title")} className="-mx-6 divide-y divide-slate-100">
              {items.map((member) => {
                const parts = memberParts(member);
                return (
                  <li key={member.id} className="px-6 py-4 text-sm">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0 wrap-anywhere">{parts.who}</div>
                      {parts.remove}
                    </div>
                    <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-4 gap-y-2">
                      <dt className="text-slate-500">{t("team.role")}</dt>
                      <dd>{parts.role}</dd>
                      <dt className="text-slate-500">{t("team.lastActive")}</dt>
                      <dd className="text-slate-600">{parts.lastActive}</dd>
                    </dl>
                  </li>
                );
              })}
            </ul>
          )}
          <LoadMore {...members} />
        </>
      )}
      <ConfirmDialog
        open={changing !== null}
        onOpenChange={(open) => {
          if (!open) setChanging(null);
        }}
        title={t("team.changeRole.title", { name: changing?.member.name ?? "" })}
        description={
          changing
            ? [
                t("team.changeRole.description", {
                  name: changing.member.name,
                  role: t(roleLabels[changing.role]),
                }),
                t(roleAbilities[changing.role]),
                released && releasedConversationsText(t, changing.member.name, released),
              ]
                .filter(Boolean)
                .join(" ")
            : ""
        }
        confirmLabel={t("team.changeRole.confirm")}
        pending={changeRole.isPending}
        error={changeRole.error}
        errorOverrides={{ PRECONDITION_FAILED: "errors.lastOwner" }}
        onConfirm={() => {
          if (changing) changeRole.mutate({ id: changing.member.id, role: changing.role });
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) setRemoving(null);
        }}
        title={t("team.remove.title")}
        description={t("team.remove.description", { name: removing?.name ?? "" })}
        confirmLabel={t("team.remove.confirm")}
        pending={remove.isPending}
        error={remove.error}
        errorOverrides={{ PRECONDITION_FAILED: "errors.lastOwner" }}
        onConfirm={() => {
          if (removing) remove.mutate({ id: removing.id });
        }}
      />
    </Card>
  );
}

interface RoleSelectProps {
  member: Member;
  options: readonly Role[];
  disabled: boolean;
  onChange: (role: Role) => void;
}

function RoleSelect({ member, options, disabled, onChange }: RoleSelectProps) {
  const { t } = useI18n();
  return (
    <div className="relative inline-block">
      <select
        aria-label={t("team.roleOf", { name: member.name })}
        value={member.role}
        disabled={disabled}
        onChange={(event) => {
          if (isRole(event.target.value)) onChange(event.target.value);
        }}
        className="appearance-none rounded-md border-0 bg-white py-1 pr-8 pl-2.5 text-sm text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:ring-slate-400 focus:ring-2 focus:ring-indigo-600 disabled:opacity-60"
      >
        {options.map((role) => (
          <option key={role} value={role}>
            {t(roleLabels[role])}
          </option>
        ))}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2 size-4 -translate-y-1/2 text-slate-500"
      />
    </div>
  );
}
