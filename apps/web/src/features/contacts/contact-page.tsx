import { can } from "@crm/domain/shared/permissions";
import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ArrowLeft, GitMerge, MessageSquarePlus, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { Avatar } from "../../components/ui/avatar";
import { Button } from "../../components/ui/button";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useSession } from "../auth/use-session";
import { CreateDealDialog } from "../deals/create-deal-dialog";
import { StartConversationDialog } from "../inbox/start-conversation-dialog";
import { ContactDetailsCard } from "./contact-details-card";
import { ContactFormDialog } from "./contact-form-dialog";
import { ContactTimeline } from "./contact-timeline";
import { DeleteContactDialog } from "./delete-contact-dialog";
import { MergeContactDialog } from "./merge-contact-dialog";

type OpenDialog = "edit" | "merge" | "delete" | "deal" | "conversation" | null;

export function ContactPage({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const contactQuery = useSuspenseQuery(trpc.contacts.get.queryOptions({ id: contactId }));
  const contact = contactQuery.data;
  const [dialog, setDialog] = useState<OpenDialog>(null);
  useDocumentTitle(contact.name);
  const mayWrite = can(user.role, "contacts:write");
  const mayDelete = can(user.role, "contacts:delete");
  const mayStartConversation = can(user.role, "conversations:write");
  const dialogProps = (name: Exclude<OpenDialog, null>) => ({
    open: dialog === name,
    onOpenChange: (open: boolean) => setDialog(open ? name : null),
  });

  return (
    <>
      <Link
        to="/contacts"
        className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-slate-500 hover:text-slate-800"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("contacts.backToList")}
      </Link>
      <RefreshFailedNotice query={contactQuery} />
      <div className="mb-8 flex flex-wrap items-center justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          <Avatar name={contact.name} size="lg" />
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{contact.name}</h1>
            <p className="truncate text-sm text-slate-500">
              {[contact.company?.name, contact.email, contact.phone && displayPhone(contact.phone)]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {mayStartConversation && (
            <Button onClick={() => setDialog("conversation")}>
              <MessageSquarePlus aria-hidden="true" className="size-4" />
              {t("inbox.start.open")}
            </Button>
          )}
          {mayWrite && (
            <Button variant="secondary" onClick={() => setDialog("edit")}>
              <Pencil aria-hidden="true" className="size-4" />
              {t("common.edit")}
            </Button>
          )}
          {mayDelete && (
            <Button variant="secondary" onClick={() => setDialog("merge")}>
              <GitMerge aria-hidden="true" className="size-4" />
              {t("contacts.merge.open")}
            </Button>
          )}
          {mayDelete && (
            <Button
              variant="ghost"
              aria-label={t("contacts.delete.label", { name: contact.name })}
              onClick={() => setDialog("delete")}
            >
              <Trash2 aria-hidden="true" className="size-4" />
            </Button>
          )}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <ContactDetailsCard contact={contact} />
        </div>
        <div className="lg:col-span-3">
          <ContactTimeline
            contactId={contact.id}
            contactName={contact.name}
            onCreateDeal={() => setDialog("deal")}
          />
        </div>
      </div>

      <ContactFormDialog
        {...dialogProps("edit")}
        contact={contact}
        onSaved={(saved) => queryClient.setQueryData(trpc.contacts.get.queryKey({ id: saved.id }), saved)}
      />
      <MergeContactDialog {...dialogProps("merge")} survivor={contact} />
      <CreateDealDialog {...dialogProps("deal")} initialContact={contact} />
      <StartConversationDialog {...dialogProps("conversation")} contact={contact} />
      <DeleteContactDialog {...dialogProps("delete")} contact={contact} />
    </>
  );
}
