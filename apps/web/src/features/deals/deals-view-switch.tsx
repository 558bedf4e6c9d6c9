import { KanbanSquare, List } from "lucide-react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import type { DealsSearch } from "./deal-list-filters";

interface DealsViewSwitchProps {
  search: DealsSearch;
  onChange: (search: DealsSearch) => void;
}

/** Board or list; the board shows open deals only, so the list's other filters stay behind with it. */
export function DealsViewSwitch({ search, onChange }: DealsViewSwitchProps) {
  const { t } = useI18n();
  const listing = search.view === "list";
  const option = (active: boolean) =>
    cx(
      "inline-flex h-9 items-center gap-1.5 px-3 text-sm font-medium focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-indigo-600",
      active ? "bg-indigo-50 text-indigo-700" : "bg-white text-slate-700 hover:bg-slate-50",
    );
  return (
    <fieldset className="inline-flex overflow-hidden rounded-lg shadow-sm ring-1 ring-slate-300 ring-inset">
      <legend className="sr-only">{t("deals.view.label")}</legend>
      <button
        type="button"
        aria-pressed={!listing}
        className={option(!listing)}
        onClick={() => onChange({ pipeline: search.pipeline, owner: search.owner })}
      >
        <KanbanSquare aria-hidden="true" className="size-4" />
        {t("deals.view.board")}
      </button>
      <button
        type="button"
        aria-pressed={listing}
        className={cx(option(listing), "border-l border-slate-300")}
        onClick={() => onChange({ ...search, view: "list" })}
      >
        <List aria-hidden="true" className="size-4" />
        {t("deals.view.list")}
      </button>
    </fieldset>
  );
}
