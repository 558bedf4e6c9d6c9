import { can, type Role } from "@crm/domain/shared/permissions";
import { useQuery } from "@tanstack/react-query";
import type { Translate } from "../../i18n/translate";
import { useTRPC } from "../../lib/trpc";

const pageLimit = 100;

interface RoleChange {
  member: { id: string; role: Role };
  role: Role;
}

/**
 * A member whose new role cannot answer conversations leaves theirs to the team's queue (the API unassigns them):
 * the confirmation says how many open ones that is. Null when nothing is released or the count is not known yet.
 */
export function useReleasedConversations(change: RoleChange | null): { count: number; more: boolean } | null {
  const trpc = useTRPC();
  const releases =
    change !== null &&
    can(change.member.role, "conversations:write") &&
    !can(change.role, "conversations:write");
  const open = useQuery(
    trpc.conversations.list.queryOptions(
      { assignee: change?.member.id ?? "", status: "open", limit: pageLimit },
      { enabled: releases, staleTime: 0 },
    ),
  );
  if (!releases || !open.data) return null;
  if (open.data.nextCursor !== null) return { count: pageLimit, more: true };
  const count = open.data.items.length;
  return count === 0 ? null : { count, more: false };
}

export function releasedConversationsText(
  t: Translate,
  name: string,
  released: { count: number; more: boolean },
): string {
  return released.more
    ? t("team.changeRole.releasesMore", { name, count: released.count })
    : t("team.changeRole.releases", { name, count: released.count });
}
