import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/i18n-provider";
import { useTRPC } from "../../lib/trpc";
import { SearchFilter } from "./search-filter";
import { tagResultLimit, useTagSearch } from "./use-contact-options";

interface TagFilterProps {
  tagId: string | undefined;
  onChange: (tagId: string | undefined) => void;
}

function useChosenTag(id: string, { enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.tags.get.queryOptions({ id }), enabled, retry: false });
}

/** The contact list's tag filter: any tag of the organization, found by typing part of its name. */
export function TagFilter({ tagId, onChange }: TagFilterProps) {
  const { t } = useI18n();
  return (
    <SearchFilter
      value={tagId}
      onChange={onChange}
      useResults={useTagSearch}
      useChosen={useChosenTag}
      words={{
        filter: t("contacts.filter.tag"),
        any: t("contacts.filter.anyTag"),
        results: t("contacts.filter.tagResults"),
        searching: t("contacts.filter.tagSearching"),
        none: t("contacts.filter.tagNone"),
        more: t("contacts.filter.tagMore", { count: tagResultLimit }),
        missing: t("contacts.filter.tagMissing"),
        clear: t("contacts.filter.clearTag"),
      }}
    />
  );
}
