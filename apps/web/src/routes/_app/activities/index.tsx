import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { type AgendaFilters, parseAgendaFilters } from "../../../features/deals/agenda-filters";
import { AgendaPage } from "../../../features/deals/agenda-page";

export const Route = createFileRoute("/_app/activities/")({
  validateSearch: (search: Record<string, unknown>): AgendaFilters => parseAgendaFilters(search),
  component: ActivitiesRoute,
});

function ActivitiesRoute() {
  const filters = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <AgendaPage
      filters={filters}
      onFiltersChange={(next) => void navigate({ search: parseAgendaFilters({ ...next }), replace: true })}
    />
  );
}
