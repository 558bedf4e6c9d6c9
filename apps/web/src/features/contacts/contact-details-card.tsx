import { can } from "@crm/domain/shared/permissions";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { Card } from "../../components/ui/card";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TagChip } from "../../components/ui/tag-chip";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDate } from "../../lib/format";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { formatCustomFieldValue } from "./custom-field-value";
import { TagPicker } from "./tag-picker";
import { useCustomFields } from "./use-contact-options";
import type { Contact } from "./use-save-contact";

export function ContactDetailsCard({ contact }: { contact: Contact }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const definitions = useCustomFields().data?.items ?? [];
  const mayWrite = can(user.role, "contacts:write");
  const onSaved = (saved: Contact) => {
    queryClient.setQueryData(trpc.contacts.get.queryKey({ id: contact.id }), saved);
    return queryClient.invalidateQueries({ queryKey: trpc.contacts.list.pathKey() });
  };
  const addTag = useMutation(trpc.contacts.addTag.mutationOptions({ onSuccess: onSaved }));
  const removeTag = useMutation(trpc.contacts.removeTag.mutationOptions({ onSuccess: onSaved }));
  const words = { yes: t("common.yes"), no: t("common.no") };

  return (
    <Card title={t("contacts.details")}>
      <dl className="@container space-y-4 text-sm">
        <Detail label={t("contacts.email")}>
          {contact.email ? (
            <a href={`mailto:${contact.email}`} className={textLinkClasses}>
              {contact.email}
            </a>
          ) : null}
        </Detail>
        <Detail label={t("contacts.phone")}>
          {contact.phone ? (
            <a href={`tel:${contact.phone}`} className={`${textLinkClasses} tabular-nums`}>
              {displayPhone(contact.phone)}
            </a>
          ) : null}
        </Detail>
        <Detail label={t("contacts.company")}>
          {contact.company ? (
            <Link
              to="/companies/$companyId"
              params={{ companyId: contact.company.id }}
              className={textLinkClasses}
            >
              {contact.company.name}
            </Link>
          ) : null}
        </Detail>
        <Detail label={t("contacts.createdAt")}>{formatDate(contact.createdAt, locale)}</Detail>
        {definitions.map((definition) => (
          <Detail key={definition.id} label={definition.label}>
            {formatCustomFieldValue(definition, contact.metadata[definition.key], locale, words)}
          </Detail>
        ))}
      </dl>
      <div className="mt-6 border-t border-slate-200 pt-5">
        {mayWrite ? (
          <TagPicker
            selected={contact.tags}
            canCreate
            disabled={addTag.isPending || removeTag.isPending}
            onAdd={(tag) => addTag.mutate({ id: contact.id, tagId: tag.id })}
            onRemove={(tag) => removeTag.mutate({ id: contact.id, tagId: tag.id })}
          />
        ) : (
          <>
            <h3 className="text-sm font-medium text-slate-700">{t("contacts.tags")}</h3>
            <div className="mt-2 flex flex-wrap gap-1.5">
              {contact.tags.length === 0 && <span className="text-sm text-slate-500">—</span>}
              {contact.tags.map((tag) => (
                <TagChip key={tag.id} name={tag.name} color={tag.color} />
              ))}
            </div>
          </>
        )}
        <ErrorAlert error={addTag.error ?? removeTag.error} className="mt-3" />
      </div>
    </Card>
  );
}

/** Label beside value where the card is wide enough, above it where it is narrow (the inbox's contact panel). */
function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 @2xs:grid-cols-3 @2xs:gap-3">
      <dt className="min-w-0 break-words text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900 @2xs:col-span-2">
        {children ?? <span className="text-slate-500">—</span>}
      </dd>
    </div>
  );
}
