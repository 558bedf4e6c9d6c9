import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { type ContactFilters, parseContactFilters } from "../../../features/contacts/contact-filters";
import { ContactsPage } from "../../../features/contacts/contacts-page";

export const Route = createFileRoute("/_app/contacts/")({
  validateSearch: (search: Record<string, unknown>): ContactFilters => parseContactFilters(search),
  component: ContactsRoute,
});

function ContactsRoute() {
  const filters = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  return (
    <ContactsPage
      filters={filters}
      onFiltersChange={(next) => void navigate({ search: parseContactFilters({ ...next }), replace: true })}
    />
  );
}
