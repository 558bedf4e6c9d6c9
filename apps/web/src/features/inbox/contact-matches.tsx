import { can } from "@crm/domain/shared/permissions";
import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { ContactRound, MessageSquarePlus } from "lucide-react";
import { useId, useState } from "react";
import { QueryError } from "../../components/ui/query-error";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { contactMatchLimit, contactSearchTerm } from "./contact-search";
import type { InboxFilters } from "./inbox-filters";
import { StartConversationDialog } from "./start-conversation-dialog";

interface ContactMatchesProps {
  q: string;
  filters: InboxFilters;
}

type Opening = { contactId: string; state: "loading" | "none" | "failed" };

/**
 * The "Contacts" section above the message results: an agent looks for the customer before the words. Every
 * member may read contacts; a contact's conversations come scoped by the API, so only one the user may open is
 * ever opened.
 */
export function ContactMatches({ q, filters }: ContactMatchesProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const headingId = useId();
  const term = contactSearchTerm(q);
  const contacts = useQuery(
    trpc.contacts.list.queryOptions(
      term === undefined ? skipToken : { search: term, limit: contactMatchLimit },
    ),
  );
  const [opening, setOpening] = useState<Opening>();
  // kept after the dialog closes, so it closes (and gives focus back) with the contact it was opened for
  const [starting, setStarting] = useState<{ id: string; name: string; open: boolean }>();
  const mayStart = can(useSession().user.role, "conversations:write");

  if (term === undefined || contacts.isPending) return null;
  if (contacts.isError) {
    return (
      <div className="px-4 pt-3">
        <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
      </div>
    );
  }
  const items = contacts.data.items;
  if (items.length === 0) return null;

  const open = async (contactId: string) => {
    setOpening({ contactId, state: "loading" });
    try {
      // the contact's conversations come by latest activity, as the inbox orders them
      const page = await queryClient.fetchQuery({
        ...trpc.contacts.conversations.queryOptions({ id: contactId, limit: 1 }),
        staleTime: 0,
      });
      const latest = page.items[0];
      if (!latest) {
        setOpening({ contactId, state: "none" });
        return;
      }
      setOpening(undefined);
      await navigate({
        to: "/inbox/$conversationId",
        params: { conversationId: latest.id },
        search: filters,
      });
    } catch {
      setOpening({ contactId, state: "failed" });
    }
  };

  return (
    <section aria-labelledby={headingId} className="border-b border-slate-200 pb-1">
      <h2
        id={headingId}
        className="px-4 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase"
      >
        {t("inbox.searchContacts.heading")}
      </h2>
      <ul>
        {items.map((contact) => {
          const mine = opening?.contactId === contact.id ? opening.state : undefined;
          const detail = contact.phone ? displayPhone(contact.phone) : contact.email;
          return (
            <li key={contact.id}>
              <div className="flex items-center hover:bg-slate-50">
                <button
                  type="button"
                  data-search-result=""
                  aria-busy={mine === "loading"}
                  onClick={() => void open(contact.id)}
                  className={cx(
                    "flex min-w-0 flex-1 items-center gap-3 px-4 py-2 text-left focus-visible:bg-indigo-50",
                    mine === "loading" && "opacity-60",
                  )}
                >
                  <ContactRound aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
                  <span className="min-w-0">
                    <span
                      id={`${headingId}-${contact.id}`}
                      className="block truncate text-sm font-medium text-slate-900"
                    >
                      {contact.name}
                    </span>
                    {detail && <span className="block truncate text-xs text-slate-600">{detail}</span>}
                  </span>
                </button>
                {mayStart && (
                  <button
                    type="button"
                    aria-label={t("inbox.start.openWith", { name: contact.name })}
                    title={t("inbox.start.openWith", { name: contact.name })}
                    onClick={() => setStarting({ id: contact.id, name: contact.name, open: true })}
                    className="mr-2 shrink-0 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    <MessageSquarePlus aria-hidden="true" className="size-4" />
                  </button>
                )}
              </div>
              {(mine === "none" || mine === "failed") && (
                <div role="status" className="px-4 pb-2 pl-11 text-sm text-slate-600">
                  <p>
                    {t(
                      mine === "none"
                        ? "inbox.searchContacts.noConversation"
                        : "inbox.searchContacts.openFailed",
                      { name: contact.name },
                    )}
                  </p>
                  <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                    {mine === "none" && mayStart && (
                      <button
                        type="button"
                        data-search-result=""
                        onClick={() => setStarting({ id: contact.id, name: contact.name, open: true })}
                        className={textLinkClasses}
                      >
                        {t("inbox.start.open")}
                      </button>
                    )}
                    <Link
                      to="/contacts/$contactId"
                      params={{ contactId: contact.id }}
                      data-search-result=""
                      className={textLinkClasses}
                    >
                      {t("inbox.searchContacts.openContact")}
                    </Link>
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {starting && (
        <StartConversationDialog
          open={starting.open}
          onOpenChange={(open) => setStarting({ ...starting, open })}
          contact={starting}
          search={filters}
        />
      )}
    </section>
  );
}
