import { can } from "@crm/domain/shared/permissions";
import { Card } from "../../components/ui/card";
import { FilterSelect } from "../../components/ui/filter-select";
import { PageHeader } from "../../components/ui/page-header";
import { useI18n } from "../../i18n/i18n-provider";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { activityTypeLabels } from "./activity-labels";
import { type AgendaFilters, agendaGroups, agendaTypes, parseAgendaFilters } from "./agenda-filters";
import { AgendaGroupSection } from "./agenda-group";

interface AgendaPageProps {
  filters: AgendaFilters;
  onFiltersChange: (filters: AgendaFilters) => void;
}

/** Where a salesperson starts the day: what is overdue, due today and coming up on their deals. */
export function AgendaPage({ filters, onFiltersChange }: AgendaPageProps) {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t("agenda.title"));
  const canEdit = can(user.role, "deals:write");
  return (
    <>
      <PageHeader title={t("agenda.title")} description={t("agenda.description")} />
      <Card>
        <div className="flex flex-wrap items-center gap-2">
          <FilterSelect
            label={t("agenda.filter.owner")}
            value={filters.owner ?? ""}
            onChange={(event) =>
              onFiltersChange(parseAgendaFilters({ ...filters, owner: event.target.value }))
            }
            options={[
              { value: "", label: t("agenda.filter.mine") },
              { value: "all", label: t("agenda.filter.everyone") },
            ]}
          />
          <FilterSelect
            label={t("agenda.filter.type")}
            value={filters.type ?? ""}
            onChange={(event) =>
              onFiltersChange(parseAgendaFilters({ ...filters, type: event.target.value }))
            }
            options={[
              { value: "", label: t("agenda.filter.anyType") },
              ...agendaTypes.map((type) => ({ value: type, label: t(activityTypeLabels[type]) })),
            ]}
          />
        </div>
        <div className="mt-5">
          {agendaGroups.map((group) => (
            <AgendaGroupSection key={group} group={group} filters={filters} canEdit={canEdit} />
          ))}
        </div>
      </Card>
    </>
  );
}
