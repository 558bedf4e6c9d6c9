import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import {
  ArrowRightLeft,
  Banknote,
  CircleDot,
  CreditCard,
  Link2,
  Link2Off,
  type LucideIcon,
  PencilLine,
  Phone,
  RotateCcw,
  Send,
  SquareCheckBig,
  StickyNote,
  ThumbsDown,
  Trophy,
  Undo2,
  UserRoundPen,
  Users,
} from "lucide-react";
import { useState } from "react";
import { checkboxClasses } from "../../components/ui/checkbox-field";
import { ErrorAlert } from "../../components/ui/error-alert";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatDateTime, formatRelative } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { useApiKeyAuthor } from "../api-keys/use-api-key-author";
import { ActivityDueDate } from "./activity-due-date";
import { activityTypeLabels } from "./activity-labels";
import {
  contactChangeIds,
  type DealActivity,
  describeContactChange,
  describeSystemActivity,
  isOverdue,
  schedulableTypes,
} from "./activity-view";
import { useContactName } from "./use-contact-name";
import { useMemberNames } from "./use-deal-options";

const pageSize = 30;

const icons: Record<DealActivity["type"], { icon: LucideIcon; tone: string }> = {
  note: { icon: StickyNote, tone: "bg-amber-50 text-amber-600" },
  task: { icon: SquareCheckBig, tone: "bg-sky-50 text-sky-600" },
  call: { icon: Phone, tone: "bg-sky-50 text-sky-600" },
  meeting: { icon: Users, tone: "bg-sky-50 text-sky-600" },
  created: { icon: CircleDot, tone: "bg-slate-100 text-slate-500" },
  stage_changed: { icon: ArrowRightLeft, tone: "bg-indigo-50 text-indigo-600" },
  won: { icon: Trophy, tone: "bg-emerald-50 text-emerald-600" },
  lost: { icon: ThumbsDown, tone: "bg-red-50 text-red-600" },
  reopened: { icon: RotateCcw, tone: "bg-slate-100 text-slate-500" },
  payment_paid: { icon: Banknote, tone: "bg-emerald-50 text-emerald-600" },
  payment_refunded: { icon: Undo2, tone: "bg-amber-50 text-amber-600" },
  contact_changed: { icon: UserRoundPen, tone: "bg-slate-100 text-slate-500" },
  payment_expired: { icon: Link2Off, tone: "bg-slate-100 text-slate-500" },
  payment_declined: { icon: CreditCard, tone: "bg-red-50 text-red-600" },
  payment_link_created: { icon: Link2, tone: "bg-slate-100 text-slate-500" },
  payment_link_sent: { icon: Send, tone: "bg-sky-50 text-sky-600" },
  fields_changed: { icon: PencilLine, tone: "bg-slate-100 text-slate-500" },
};

export function ActivityTimeline({
  dealId,
  dealStatus,
  canEdit,
}: {
  dealId: string;
  /** a task left open on a won or lost deal is left over, not late */
  dealStatus: string;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const activities = useInfiniteQuery(
    trpc.deals.activities.infiniteQueryOptions(
      { id: dealId, limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  if (activities.isPending) return <Loading />;
  if (activities.isLoadingError)
    return <QueryError error={activities.error} onRetry={() => void activities.refetch()} />;
  const items = activities.data.pages.flatMap((page) => page.items);
  const refreshFailed = <RefreshFailedNotice queries={[activities]} />;
  if (items.length === 0)
    return (
      <>
        {refreshFailed}
        <p className="py-6 text-center text-sm text-slate-500">{t("deals.activity.empty")}</p>
      </>
    );
  return (
    <>
      {refreshFailed}
      <ol
        aria-label={t("deals.activity.title")}
        className="relative space-y-5 before:absolute before:top-2 before:bottom-2 before:left-4 before:w-px before:bg-slate-200"
      >
        {items.map((activity) => (
          <ActivityItem
            key={activity.id}
            activity={activity}
            dealId={dealId}
            dealStatus={dealStatus}
            canEdit={canEdit}
          />
        ))}
      </ol>
      <LoadMore {...activities} />
    </>
  );
}

function ActivityItem({
  activity,
  dealId,
  dealStatus,
  canEdit,
}: {
  activity: DealActivity;
  dealId: string;
  dealStatus: string;
  canEdit: boolean;
}) {
  const { t, locale } = useI18n();
  const names = useMemberNames();
  const apiKeyAuthor = useApiKeyAuthor();
  const { icon: Icon, tone } = icons[activity.type];
  const system = describeSystemActivity(activity, t, locale, (id) => names.get(id));
  const contactChange = contactChangeIds(activity);
  const actor = activity.actorId ? (names.get(activity.actorId) ?? null) : apiKeyAuthor(activity.apiKeyId);
  const meta = (
    <p className="mt-1 text-xs text-slate-500">
      {actor && <span>{actor} · </span>}
      <time dateTime={activity.createdAt} title={formatDateTime(activity.createdAt, locale)}>
        {formatRelative(activity.createdAt, locale)}
      </time>
    </p>
  );
  return (
    <li className="relative flex gap-4">
      <span
        className={cx(
          "relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full ring-4 ring-white",
          tone,
        )}
      >
        <Icon aria-hidden="true" className="size-4" />
      </span>
      <div className="min-w-0 flex-1 pt-1.5">
        {contactChange ? (
          <ContactChangeText {...contactChange} />
        ) : system !== null ? (
          <p className="text-sm whitespace-pre-line text-slate-700">{system}</p>
        ) : schedulableTypes.includes(activity.type) ? (
          <TodoBody activity={activity} dealId={dealId} dealStatus={dealStatus} canEdit={canEdit} />
        ) : (
          <>
            <p className="text-xs font-medium text-slate-500">{t("deals.activity.type.note")}</p>
            <p className="mt-1 rounded-lg bg-white p-3 text-sm whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200">
              {activity.content}
            </p>
          </>
        )}
        {meta}
      </div>
    </li>
  );
}

/** A contact named as it is now: a contact's name is not copied into the deal's history. */
function ContactChangeText({ from, to }: { from: string | null; to: string | null }) {
  const { t } = useI18n();
  const fromName = useContactName(from);
  const toName = useContactName(to);
  return <p className="text-sm text-slate-700">{describeContactChange(fromName, toName, t)}</p>;
}

function TodoBody({
  activity,
  dealId,
  dealStatus,
  canEdit,
}: {
  activity: DealActivity;
  dealId: string;
  dealStatus: string;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // set in the change handler itself, so the controlled checkbox never snaps back before the mutation starts
  const [requestedDone, setRequestedDone] = useState<boolean | null>(null);
  const toggle = useMutation(
    trpc.deals.updateActivity.mutationOptions({
      onSettled: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.deals.activities.infiniteQueryKey({ id: dealId }),
        });
        setRequestedDone(null);
      },
    }),
  );
  const type = activity.type === "call" || activity.type === "meeting" ? activity.type : "task";
  const overdue = isOverdue(activity, dealStatus);
  const done = requestedDone ?? activity.done;
  return (
    <div>
      <div className="flex items-start gap-2.5">
        <input
          type="checkbox"
          className={cx(checkboxClasses, "mt-0.5")}
          checked={done}
          disabled={!canEdit || toggle.isPending}
          aria-label={t("deals.activity.markDone", { content: activity.content ?? "" })}
          onChange={(event) => {
            setRequestedDone(event.target.checked);
            toggle.mutate({ id: dealId, activityId: activity.id, done: event.target.checked });
          }}
        />
        <div className="min-w-0">
          <p className="text-xs font-medium text-slate-500">{t(activityTypeLabels[type])}</p>
          <p
            className={cx(
              "text-sm whitespace-pre-wrap",
              done ? "text-slate-500 line-through" : "text-slate-800",
            )}
          >
            {activity.content}
          </p>
          {activity.dueAt && (
            <p className="mt-1 flex text-xs text-slate-500">
              <ActivityDueDate dueAt={activity.dueAt} overdue={overdue} />
            </p>
          )}
        </div>
      </div>
      <ErrorAlert error={toggle.error} className="mt-2" />
    </div>
  );
}
