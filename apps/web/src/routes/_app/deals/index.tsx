import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { DealsPage } from "../../../features/deals/deals-page";

interface DealsSearch {
  /** The pipeline shown; the first one when absent. */
  pipeline?: string | undefined;
}

export const Route = createFileRoute("/_app/deals/")({
  validateSearch: (search: Record<string, unknown>): DealsSearch => ({
    pipeline: typeof search.pipeline === "string" && search.pipeline !== "" ? search.pipeline : undefined,
  }),
  staticData: { wide: true },
  component: DealsRoute,
});

function DealsRoute() {
  const { pipeline } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <DealsPage pipelineId={pipeline} onPipelineChange={(id) => void navigate({ search: { pipeline: id } })} />
  );
}
