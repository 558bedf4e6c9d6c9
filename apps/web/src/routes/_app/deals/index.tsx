import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { type DealsSearch, parseDealsSearch } from "../../../features/deals/deal-list-filters";
import { DealsPage } from "../../../features/deals/deals-page";

export const Route = createFileRoute("/_app/deals/")({
  validateSearch: (search: Record<string, unknown>): DealsSearch => parseDealsSearch(search),
  staticData: { wide: true },
  component: DealsRoute,
});

function DealsRoute() {
  const search = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <DealsPage
      pipelineId={search.pipeline}
      onPipelineChange={(id) => void navigate({ search: { ...search, pipeline: id } })}
      search={search}
      onSearchChange={(next) => void navigate({ search: parseDealsSearch({ ...next }), replace: true })}
    />
  );
}
