import { createFileRoute } from "@tanstack/react-router";
import { RecordError } from "../../../components/record-error";
import { ContactPage } from "../../../features/contacts/contact-page";
import { useI18n } from "../../../i18n/i18n-provider";

export const Route = createFileRoute("/_app/contacts/$contactId")({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(context.trpc.contacts.get.queryOptions({ id: params.contactId })),
  component: ContactRoute,
  errorComponent: ({ error, reset }) => <ContactError error={error} reset={reset} />,
});

function ContactError({ error, reset }: { error: unknown; reset: () => void }) {
  const { t } = useI18n();
  return <RecordError error={error} reset={reset} backTo="/contacts" backLabel={t("contacts.backToList")} />;
}

function ContactRoute() {
  const { contactId } = Route.useParams();
  return <ContactPage contactId={contactId} />;
}
