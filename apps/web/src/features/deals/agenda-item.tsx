import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { checkboxClasses } from "../../components/ui/checkbox-field";
import { ErrorAlert } from "../../components/ui/error-alert";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useTRPC } from "../../lib/trpc";
import { ActivityDueDate } from "./activity-due-date";
import { activityTypeLabels } from "./activity-labels";
import type { AgendaItem } from "./agenda-filters";
import { DealStatusBadge } from "./deal-status";

/** One due activity: ticked off here, it leaves the agenda and its deal's timeline shows it done. */
export function AgendaRow({ item, canEdit }: { item: AgendaItem; canEdit: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // set in the change handler itself, so the controlled checkbox never snaps back before the mutation starts
  const [requestedDone, setRequestedDone] = useState<boolean | null>(null);
  const toggle = useMutation(
    trpc.deals.updateActivity.mutationOptions({
      onSettled: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.deals.agenda.pathKey() }),
          queryClient.invalidateQueries({
            queryKey: trpc.deals.activities.infiniteQueryKey({ id: item.deal.id }),
          }),
        ]);
        setRequestedDone(null);
      },
    }),
  );
  const done = requestedDone ?? item.done;
  const closed = item.deal.status !== "open";
  return (
    <li className="py-3">
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          className={cx(checkboxClasses, "mt-1")}
          checked={done}
          disabled={!canEdit || toggle.isPending}
          aria-label={t("deals.activity.markDone", { content: item.content ?? "" })}
          onChange={(event) => {
            setRequestedDone(event.target.checked);
            toggle.mutate({ id: item.deal.id, activityId: item.id, done: event.target.checked });
          }}
        />
        <div className="min-w-0 flex-1">
          <p className="text-xs font-medium text-slate-500">{t(activityTypeLabels[item.type])}</p>
          <p
            className={cx(
              "text-sm whitespace-pre-wrap",
              done ? "text-slate-500 line-through" : "text-slate-800",
            )}
          >
            {item.content}
          </p>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
            {item.dueAt && <ActivityDueDate dueAt={item.dueAt} overdue={item.overdue} />}
            <Link
              to="/deals/$dealId"
              params={{ dealId: item.deal.id }}
              className="font-medium text-indigo-600 hover:text-indigo-500"
            >
              {t("agenda.item.deal", { title: item.deal.title })}
            </Link>
            {item.deal.contactName && <span>{item.deal.contactName}</span>}
            {item.deal.stageName && <span>{item.deal.stageName}</span>}
            {closed && (
              <span title={t("agenda.item.closedDeal")}>
                <DealStatusBadge status={item.deal.status} />
              </span>
            )}
          </p>
        </div>
      </div>
      <ErrorAlert error={toggle.error} className="mt-2" />
    </li>
  );
}
