import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { type InboxFilters, validateInboxSearch } from "../../../features/inbox/inbox-filters";
import { InboxPage } from "../../../features/inbox/inbox-page";

export const Route = createFileRoute("/_app/inbox/")({
  validateSearch: (search: Record<string, unknown>): InboxFilters => validateInboxSearch(search),
  staticData: { wide: true },
  component: InboxRoute,
});

function InboxRoute() {
  const filters = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <InboxPage
      conversationId={undefined}
      filters={filters}
      onFiltersChange={(next) => void navigate({ search: validateInboxSearch({ ...next }), replace: true })}
    />
  );
}
