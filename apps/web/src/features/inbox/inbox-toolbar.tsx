import { useEffect, useState } from "react";
import { FilterSelect } from "../../components/ui/filter-select";
import { SearchInput } from "../../components/ui/search-input";
import { useI18n } from "../../i18n/i18n-provider";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useSession } from "../auth/use-session";
import { channelLabelKey } from "./channel-icon";
import { statusLabels } from "./conversation-status";
import { channels, type InboxFilters, statuses } from "./inbox-filters";
import { useInboxCounts } from "./use-inbox-counts";

interface InboxToolbarProps {
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
}

export function InboxToolbar({ filters, onChange }: InboxToolbarProps) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const counts = useInboxCounts(filters);
  const counted = (label: string, count: number | undefined) =>
    count === undefined
      ? label
      : t("inbox.filter.counted", { label, n: new Intl.NumberFormat(locale).format(count) });
  const [query, setQuery] = useState(filters.q ?? "");
  const debounced = useDebouncedValue(query, 300);
  useEffect(() => {
    const q = debounced.trim() || undefined;
    if (q !== filters.q) onChange({ ...filters, q });
  }, [debounced, filters, onChange]);

  return (
    <div className="space-y-2 border-b border-slate-200 p-3">
      <SearchInput
        label={t("inbox.search.label")}
        placeholder={t("inbox.search.placeholder")}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {/* Each filter as wide as its longest option ("All channels" did not fit a third of the column), wrapping. */}
      <div className="flex flex-wrap gap-2">
        <FilterSelect
          className="flex-auto"
          label={t("inbox.filter.status")}
          value={filters.status ?? "open"}
          options={[
            ...statuses.map((status) => ({ value: status, label: t(statusLabels[status]) })),
            { value: "all", label: t("inbox.filter.allStatuses") },
          ]}
          onChange={(event) =>
            onChange({
              ...filters,
              status:
                event.target.value === "open" ? undefined : (event.target.value as InboxFilters["status"]),
            })
          }
        />
        <FilterSelect
          className="flex-auto"
          label={t("inbox.filter.assignee")}
          value={filters.assignee ?? ""}
          options={[
            {
              value: "",
              // agents see only theirs and the unassigned ones: "All" would promise more
              label: counted(
                t(user.role === "agent" ? "inbox.filter.mineAndUnassigned" : "inbox.filter.everyone"),
                counts?.all,
              ),
            },
            { value: "me", label: counted(t("inbox.filter.mine"), counts?.mine) },
            { value: "unassigned", label: counted(t("inbox.filter.unassigned"), counts?.unassigned) },
          ]}
          onChange={(event) =>
            onChange({ ...filters, assignee: (event.target.value || undefined) as InboxFilters["assignee"] })
          }
        />
        <FilterSelect
          className="flex-auto"
          label={t("inbox.filter.channel")}
          value={filters.channel ?? ""}
          options={[
            { value: "", label: t("inbox.filter.allChannels") },
            ...channels.map((channel) => ({ value: channel, label: t(channelLabelKey(channel)) })),
          ]}
          onChange={(event) =>
            onChange({ ...filters, channel: (event.target.value || undefined) as InboxFilters["channel"] })
          }
        />
      </div>
    </div>
  );
}
