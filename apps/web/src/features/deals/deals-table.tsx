import { Link } from "@tanstack/react-router";
import { Table, Td, Th } from "../../components/ui/table";
import { useI18n } from "../../i18n/i18n-provider";
import type { RouterOutputs } from "../../lib/api-types";
import { cx } from "../../lib/cx";
import { formatCalendarDate, formatRelative } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { DealStatusBadge } from "./deal-status";
import { useContactName } from "./use-contact-name";
import { useMemberNames, useStageIndex } from "./use-deal-options";

export type ListedDeal = RouterOutputs["deals"]["list"]["items"][number];

const fromLarge = "hidden lg:table-cell";
// the last change needs the widest screens: beside the sidebar, 1280 px leave room for seven columns
const fromWidest = "hidden 2xl:table-cell";

/** A table from tablets up; on a phone, one card per deal (see DealCards). */
export function DealsTable({ deals }: { deals: readonly ListedDeal[] }) {
  const { t } = useI18n();
  const stages = useStageIndex();
  const members = useMemberNames();
  return (
    <Table
      caption={t("deals.list.caption")}
      head={
        <>
          <Th>{t("deals.fields.title")}</Th>
          <Th>{t("deals.fields.contact")}</Th>
          <Th className="text-right">{t("deals.fields.value")}</Th>
          <Th>{t("deals.fields.stage")}</Th>
          <Th>{t("deals.list.status")}</Th>
          <Th className={fromLarge}>{t("deals.list.owner")}</Th>
          <Th className={fromLarge}>{t("deals.fields.expectedClose")}</Th>
          <Th className={fromWidest}>{t("deals.list.updatedAt")}</Th>
        </>
      }
    >
      {deals.map((deal) => (
        <DealRow
          key={deal.id}
          deal={deal}
          stageName={stages.get(deal.stage)?.stage.name ?? "—"}
          ownerName={deal.assigneeId ? (members.get(deal.assigneeId) ?? "—") : "—"}
        />
      ))}
    </Table>
  );
}

interface DealItemProps {
  deal: ListedDeal;
  stageName: string;
  ownerName: string;
}

function DealRow({ deal, stageName, ownerName }: DealItemProps) {
  const { locale } = useI18n();
  const contactName = useContactName(deal.contactId);
  return (
    <tr className="hover:bg-slate-50">
      <Td>
        <DealTitleLink deal={deal} />
      </Td>
      <Td className="text-slate-600">{contactName ?? "—"}</Td>
      <Td className="text-right whitespace-nowrap text-slate-900 tabular-nums">
        {formatMoney(deal.value, locale)}
      </Td>
      <Td className="whitespace-nowrap text-slate-600">{stageName}</Td>
      <Td>
        <StatusWithReason deal={deal} />
      </Td>
      <Td className={cx("whitespace-nowrap text-slate-600", fromLarge)}>{ownerName}</Td>
      <Td className={cx("whitespace-nowrap text-slate-600", fromLarge)}>
        {deal.expectedCloseDate ? formatCalendarDate(deal.expectedCloseDate, locale) : "—"}
      </Td>
      <Td className={cx("whitespace-nowrap text-slate-500", fromWidest)}>
        {formatRelative(deal.updatedAt, locale)}
      </Td>
    </tr>
  );
}

/** The phone layout: a stack of cards with the same facts as the table's columns. */
export function DealCards({ deals }: { deals: readonly ListedDeal[] }) {
  const { t } = useI18n();
  const stages = useStageIndex();
  const members = useMemberNames();
  return (
    <ul aria-label={t("deals.list.caption")} className="-mx-2 divide-y divide-slate-100">
      {deals.map((deal) => (
        <DealCardItem
          key={deal.id}
          deal={deal}
          stageName={stages.get(deal.stage)?.stage.name ?? "—"}
          ownerName={deal.assigneeId ? (members.get(deal.assigneeId) ?? "—") : "—"}
        />
      ))}
    </ul>
  );
}

function DealCardItem({ deal, stageName, ownerName }: DealItemProps) {
  const { t, locale } = useI18n();
  const contactName = useContactName(deal.contactId);
  return (
    <li className="px-2 py-3 text-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <DealTitleLink deal={deal} />
          <div className="truncate text-slate-500">{contactName ?? t("deals.list.noContact")}</div>
        </div>
        <div className="shrink-0 font-medium text-slate-900 tabular-nums">
          {formatMoney(deal.value, locale)}
        </div>
      </div>
      <div className="mt-2">
        <StatusWithReason deal={deal} />
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-600">
        <span>{stageName}</span>
        {deal.assigneeId && <span>{t("deals.card.assignee", { name: ownerName })}</span>}
        {deal.expectedCloseDate && (
          <span>{t("deals.card.closes", { date: formatCalendarDate(deal.expectedCloseDate, locale) })}</span>
        )}
      </div>
    </li>
  );
}

function DealTitleLink({ deal }: { deal: ListedDeal }) {
  return (
    <Link
      to="/deals/$dealId"
      params={{ dealId: deal.id }}
      className="block truncate font-medium text-slate-900 hover:text-indigo-600"
    >
      {deal.title}
    </Link>
  );
}

/** A lost deal says why, in full on hover and cut short in the row. */
function StatusWithReason({ deal }: { deal: ListedDeal }) {
  const { t } = useI18n();
  return (
    <span className="flex max-w-48 flex-col items-start gap-0.5">
      <DealStatusBadge status={deal.status} />
      {deal.status === "lost" && deal.lostReason && (
        <span
          className="max-w-full truncate text-xs text-slate-500"
          title={t("deals.list.lostReason", { reason: deal.lostReason })}
        >
          {deal.lostReason}
        </span>
      )}
    </span>
  );
}
