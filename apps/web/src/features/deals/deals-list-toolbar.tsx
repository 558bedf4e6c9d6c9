import { X } from "lucide-react";
import { Button } from "../../components/ui/button";
import { FilterSelect } from "../../components/ui/filter-select";
import { useI18n } from "../../i18n/i18n-provider";
import { type DealsSearch, hasListFilters } from "./deal-list-filters";
import { DealSearchBox } from "./deal-search-box";
import { useLostReasons, useMembers, usePipelines } from "./use-deal-options";

interface FiltersProps {
  search: DealsSearch;
  onChange: (search: DealsSearch) => void;
}

const statuses = ["open", "won", "lost"] as const;

export function DealsListToolbar({ search, onChange }: FiltersProps) {
  const { t } = useI18n();
  const pipelines = usePipelines().data?.items ?? [];
  const stages = pipelines.find((pipeline) => pipeline.id === search.pipeline)?.stages ?? [];
  return (
    <div className="flex flex-wrap items-center gap-2">
      <DealSearchBox search={search} onChange={onChange} />
      <FilterSelect
        label={t("deals.filter.status")}
        value={search.status ?? ""}
        // a lost reason narrows lost deals only
        onChange={(event) => {
          const status = statuses.find((option) => option === event.target.value);
          onChange({ ...search, status, lostReason: status === "lost" ? search.lostReason : undefined });
        }}
        options={[
          { value: "", label: t("deals.filter.anyStatus") },
          ...statuses.map((status) => ({ value: status, label: t(`deals.status.${status}`) })),
        ]}
      />
      {search.status === "lost" && <LostReasonFilter search={search} onChange={onChange} />}
      <FilterSelect
        label={t("deals.filter.pipeline")}
        value={search.pipeline ?? ""}
        // another pipeline has other stages
        onChange={(event) =>
          onChange({ ...search, pipeline: event.target.value || undefined, stage: undefined })
        }
        options={[
          { value: "", label: t("deals.filter.anyPipeline") },
          ...pipelines.map((pipeline) => ({ value: pipeline.id, label: pipeline.name })),
        ]}
      />
      {search.pipeline && (
        <FilterSelect
          label={t("deals.filter.stage")}
          value={search.stage ?? ""}
          onChange={(event) => onChange({ ...search, stage: event.target.value || undefined })}
          options={[
            { value: "", label: t("deals.filter.anyStage") },
            ...stages.map((stage) => ({ value: stage.id, label: stage.name })),
          ]}
        />
      )}
      <OwnerFilter search={search} onChange={onChange} />
      <FilterSelect
        label={t("deals.filter.rotting")}
        value={search.rotting ?? ""}
        onChange={(event) => {
          const value = event.target.value;
          onChange({ ...search, rotting: value === "yes" || value === "no" ? value : undefined });
        }}
        options={[
          { value: "", label: t("deals.filter.anyRotting") },
          { value: "yes", label: t("deals.filter.rottingOnly") },
          { value: "no", label: t("deals.filter.notRotting") },
        ]}
      />
      {hasListFilters(search) && (
        <Button variant="ghost" size="sm" onClick={() => onChange({ view: search.view })}>
          <X aria-hidden="true" className="size-4" />
          {t("deals.filter.clear")}
        </Button>
      )}
    </div>
  );
}

/** The organization's lost reasons, archived ones too: deals lost for them still count. */
function LostReasonFilter({ search, onChange }: FiltersProps) {
  const { t } = useI18n();
  const reasons = useLostReasons().data?.items ?? [];
  return (
    <FilterSelect
      label={t("deals.filter.lostReason")}
      value={search.lostReason ?? ""}
      onChange={(event) => onChange({ ...search, lostReason: event.target.value || undefined })}
      options={[
        { value: "", label: t("deals.filter.anyLostReason") },
        ...reasons.map((reason) => ({ value: reason.id, label: reason.name })),
      ]}
    />
  );
}

/** Me, a teammate or everyone; the board and the list share it. */
export function OwnerFilter({ search, onChange }: FiltersProps) {
  const { t } = useI18n();
  const members = useMembers().data?.items ?? [];
  return (
    <FilterSelect
      label={t("deals.filter.owner")}
      value={search.owner ?? ""}
      onChange={(event) => onChange({ ...search, owner: event.target.value || undefined })}
      options={[
        { value: "", label: t("deals.filter.anyOwner") },
        { value: "me", label: t("deals.filter.me") },
        { value: "none", label: t("deals.filter.unassigned") },
        ...members.map((member) => ({ value: member.id, label: member.name })),
      ]}
    />
  );
}
