import { ChartBar, ChevronDown } from "lucide-react";
import { lazy, Suspense, useId, useState } from "react";
import { Button } from "../../components/ui/button";
import { FilterSelect } from "../../components/ui/filter-select";
import { Loading } from "../../components/ui/loading";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useSession } from "../auth/use-session";
import type { Board } from "./board-state";
import { loadChartShown, saveChartShown } from "./chart-preference";
import { chartCurrencies, pickCurrency, toChartBars } from "./pipeline-chart-data";

// Its own chunk: recharts is only downloaded once someone opens the chart.
const PipelineChart = lazy(() => import("./pipeline-chart"));

/** The open value per stage as a bar chart, behind a toggle that is off until the user turns it on. */
export function PipelineChartPanel({ board }: { board: Board }) {
  const { t } = useI18n();
  const { organization } = useSession();
  const [shown, setShown] = useState(loadChartShown);
  const [chosen, setChosen] = useState<string | null>(null);
  const panelId = useId();
  const captionId = useId();
  const currencies = chartCurrencies(board.columns, organization.defaultCurrency);
  const currency = pickCurrency(currencies, chosen);

  const toggle = () => {
    setShown(!shown);
    saveChartShown(!shown);
  };

  return (
    <section className="mb-4">
      <Button variant="secondary" size="sm" aria-expanded={shown} aria-controls={panelId} onClick={toggle}>
        <ChartBar aria-hidden="true" className="size-4" />
        {shown ? t("deals.chart.hide") : t("deals.chart.show")}
        <ChevronDown
          aria-hidden="true"
          className={cx("size-4 transition-transform", shown && "rotate-180")}
        />
      </Button>
      {shown && (
        <figure
          id={panelId}
          aria-labelledby={captionId}
          className="mt-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
        >
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <figcaption id={captionId} className="text-sm font-semibold text-slate-900">
              {t("deals.chart.caption", { pipeline: board.pipeline.name, currency })}
            </figcaption>
            {currencies.length > 1 && (
              <FilterSelect
                label={t("deals.chart.currency")}
                value={currency}
                onChange={(event) => setChosen(event.target.value)}
                options={currencies.map((code) => ({ value: code, label: code }))}
                className="w-28"
              />
            )}
          </div>
          <Suspense fallback={<Loading />}>
            <PipelineChart bars={toChartBars(board.columns, currency)} />
          </Suspense>
        </figure>
      )}
    </section>
  );
}
