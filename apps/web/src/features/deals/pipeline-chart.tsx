import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney } from "../../lib/money";
import type { ChartBar } from "./pipeline-chart-data";

const barHeight = 36;

/** Loaded on demand (recharts is large): the default export is what `lazy` imports. */
export default function PipelineChart({ bars }: { bars: readonly ChartBar[] }) {
  const { t, locale } = useI18n();
  const label = (bar: ChartBar) =>
    t("deals.chart.barLabel", { value: formatMoney(bar.total, locale), count: bar.count });
  return (
    <>
      <div aria-hidden="true" style={{ height: bars.length * barHeight + 16 }} data-testid="pipeline-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={bars.map((bar) => ({ ...bar, label: label(bar) }))}
            layout="vertical"
            margin={{ top: 8, right: 200, bottom: 8, left: 8 }}
            accessibilityLayer={false}
          >
            <XAxis type="number" dataKey="length" hide />
            <YAxis
              type="category"
              dataKey="stage"
              width={140}
              tickLine={false}
              axisLine={false}
              tick={{ fontSize: 12, fill: "#334155" }}
            />
            {/* A stage without value keeps a sliver, so every stage has its bar and its label. */}
            <Bar
              dataKey="length"
              isAnimationActive={false}
              radius={[0, 4, 4, 0]}
              barSize={20}
              minPointSize={2}
            >
              {bars.map((bar) => (
                <Cell key={bar.stageId} fill={bar.color} />
              ))}
              <LabelList dataKey="label" position="right" style={{ fontSize: 12, fill: "#334155" }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{t("deals.chart.tableCaption", { currency: bars[0]?.total.currency ?? "" })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("deals.chart.stage")}</th>
            <th scope="col">{t("deals.chart.value")}</th>
            <th scope="col">{t("deals.chart.count")}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.stageId}>
              <th scope="row">{bar.stage}</th>
              <td>{formatMoney(bar.total, locale)}</td>
              <td>{bar.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
