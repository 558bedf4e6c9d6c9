import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Users } from "lucide-react";
import { Avatar } from "../../components/ui/avatar";
import { Card } from "../../components/ui/card";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { Table, Td, Th } from "../../components/ui/table";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";

const pageSize = 25;
const fromSmall = "hidden sm:table-cell";

/** The people of a company, A to Z; the contacts page, filtered to it, has the rest (tags, export). */
export function useCompanyContacts(companyId: string) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.contacts.list.infiniteQueryOptions(
      { companyId, sort: "name", limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
}

export function CompanyContactsCard({
  companyId,
  contacts,
}: {
  companyId: string;
  contacts: ReturnType<typeof useCompanyContacts>;
}) {
  const { t } = useI18n();
  const items = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card
      title={t("companies.people.title")}
      actions={
        items.length > 0 && (
          <Link to="/contacts" search={{ companyId }} className={cx(textLinkClasses, "text-sm")}>
            {t("companies.people.openInContacts")}
          </Link>
        )
      }
    >
      <RefreshFailedNotice query={contacts} />
      {contacts.isPending ? (
        <Loading />
      ) : contacts.isLoadingError ? (
        <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : items.length === 0 ? (
        <div className="flex flex-col items-center py-8 text-center">
          <Users aria-hidden="true" className="size-8 text-slate-400" />
          <p className="mt-3 max-w-sm text-sm text-slate-500">{t("companies.people.empty")}</p>
        </div>
      ) : (
        <>
          <Table
            caption={t("companies.people.title")}
            head={
              <>
                <Th>{t("contacts.name")}</Th>
                <Th className={fromSmall}>{t("contacts.phone")}</Th>
              </>
            }
          >
            {items.map((contact) => (
              <tr key={contact.id} className="hover:bg-slate-50">
                <Td className="w-full max-w-0">
                  <div className="flex items-center gap-3">
                    <Avatar name={contact.name} />
                    <div className="min-w-0">
                      <Link
                        to="/contacts/$contactId"
                        params={{ contactId: contact.id }}
                        className="block truncate font-medium text-slate-900 hover:text-indigo-600"
                      >
                        {contact.name}
                      </Link>
                      <div className="truncate text-slate-500">{contact.email ?? "—"}</div>
                      {contact.phone && (
                        <div className="truncate text-slate-500 tabular-nums sm:hidden">
                          {displayPhone(contact.phone)}
                        </div>
                      )}
                    </div>
                  </div>
                </Td>
                <Td className={cx("whitespace-nowrap text-slate-600 tabular-nums", fromSmall)}>
                  {contact.phone ? displayPhone(contact.phone) : "—"}
                </Td>
              </tr>
            ))}
          </Table>
          <LoadMore {...contacts} />
        </>
      )}
    </Card>
  );
}
