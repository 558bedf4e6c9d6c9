import { Link } from "@tanstack/react-router";
import { Avatar } from "../../components/ui/avatar";
import { Table, Td, Th } from "../../components/ui/table";
import { TagChip } from "../../components/ui/tag-chip";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatDate } from "../../lib/format";
import { displayPhone } from "../../lib/phone";
import type { ContactSort } from "./contact-filters";
import type { Contact } from "./use-save-contact";

const visibleTags = 3;
// on a phone the name cell also shows the number; its column, company, tags and date come with wider screens
const fromSmall = "hidden sm:table-cell";
const fromMedium = "hidden md:table-cell";
const fromLarge = "hidden lg:table-cell";

export function ContactsTable({
  contacts,
  sort,
}: {
  contacts: readonly Contact[];
  sort: ContactSort | undefined;
}) {
  const { t, locale } = useI18n();
  return (
    <Table
      caption={t("contacts.title")}
      head={
        <>
          <Th sort={sort === "name" ? "ascending" : undefined}>{t("contacts.name")}</Th>
          <Th className={fromSmall}>{t("contacts.phone")}</Th>
          <Th className={fromMedium}>{t("contacts.company")}</Th>
          <Th className={fromMedium}>{t("contacts.tags")}</Th>
          <Th className={fromLarge} sort={sort === undefined ? "descending" : undefined}>
            {t("contacts.createdAt")}
          </Th>
        </>
      }
    >
      {contacts.map((contact) => (
        <tr key={contact.id} className="group hover:bg-slate-50">
          <Td>
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
                {/* no email: the dash gives way to the number on a phone */}
                <div
                  className={cx(
                    "truncate text-slate-500",
                    !contact.email && contact.phone && "hidden sm:block",
                  )}
                >
                  {contact.email ?? "—"}
                </div>
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
          <Td className={cx("text-slate-600", fromMedium)}>{contact.company?.name ?? "—"}</Td>
          <Td className={fromMedium}>
            <div className="flex flex-wrap gap-1">
              {contact.tags.slice(0, visibleTags).map((tag) => (
                <TagChip key={tag.id} name={tag.name} color={tag.color} />
              ))}
              {contact.tags.length > visibleTags && (
                <span className="text-xs text-slate-500">
                  {t("contacts.moreTags", { count: contact.tags.length - visibleTags })}
                </span>
              )}
            </div>
          </Td>
          <Td className={cx("whitespace-nowrap text-slate-500", fromLarge)}>
            {formatDate(contact.createdAt, locale)}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
