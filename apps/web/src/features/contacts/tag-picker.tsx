import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { ErrorAlert } from "../../components/ui/error-alert";
import { controlClasses } from "../../components/ui/field";
import { TagChip } from "../../components/ui/tag-chip";
import { useI18n } from "../../i18n/i18n-provider";
import { existingIdOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { colorForName } from "./tag-colors";
import { useTagSearch } from "./use-contact-options";

export interface TagRef {
  id: string;
  name: string;
  color: string;
}

interface TagPickerProps {
  selected: readonly TagRef[];
  onAdd: (tag: TagRef) => void;
  onRemove: (tag: TagRef) => void;
  disabled?: boolean;
  /** Whether the user may create tags that do not exist yet. */
  canCreate: boolean;
}

const suggestionLimit = 6;

/** A name as the API compares tag names: without accents or letter case ("atacadao" is "Atacadão"). */
const nameKey = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Chosen tags as chips, and a box to find a tag or create it on the spot. */
export function TagPicker({ selected, onAdd, onRemove, disabled = false, canCreate }: TagPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const tags = useTagSearch(text);
  const create = useMutation(
    trpc.tags.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tags.list.pathKey() }),
    }),
  );

  const chosen = new Set(selected.map((tag) => tag.id));
  const query = nameKey(text.trim());
  // the API's answer for what was typed a moment ago, narrowed here to what is typed now
  const found = (tags.data?.items ?? []).filter((tag) => nameKey(tag.name).includes(query));
  const suggestions = found.filter((tag) => !chosen.has(tag.id)).slice(0, suggestionLimit);
  // the one tag a new one of that name would duplicate: Enter picks it, and none is offered to be created
  const exact = found.find((tag) => nameKey(tag.name) === query);

  const pick = (tag: TagRef) => {
    if (!chosen.has(tag.id)) onAdd(tag);
    setText("");
  };

  const createTag = () => {
    const name = text.trim();
    if (!name) return;
    create.mutate(
      { name, color: colorForName(name) },
      {
        onSuccess: (tag) => pick(tag),
        onError: async (error) => {
          // it exists, maybe spelled with other accents or capitals (someone created it meanwhile, or it was
          // typed faster than the search answered): use that one
          const existingId = existingIdOf(error);
          if (!existingId) return;
          const existing = await queryClient
            .fetchQuery(trpc.tags.get.queryOptions({ id: existingId }))
            .catch(() => undefined);
          if (existing) pick(existing);
        },
      },
    );
  };

  const submit = () => {
    if (exact) pick(exact);
    else if (canCreate) createTag();
  };

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {t("contacts.tags")}
      </label>
      {selected.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={t("contacts.tags.chosen")}>
          {selected.map((tag) => (
            <li key={tag.id}>
              <TagChip
                name={tag.name}
                color={tag.color}
                disabled={disabled}
                removeLabel={t("contacts.tags.remove", { name: tag.name })}
                onRemove={() => onRemove(tag)}
              />
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        autoComplete="off"
        value={text}
        disabled={disabled}
        placeholder={canCreate ? t("contacts.tags.placeholder") : t("contacts.tags.placeholderFind")}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            submit();
          }
        }}
        className={controlClasses}
      />
      {(suggestions.length > 0 || (canCreate && query !== "" && !exact)) && (
        <div className="flex flex-wrap items-center gap-1.5">
          {suggestions.length > 0 && (
            // offered, not chosen: under a label, as "+" buttons unlike the chosen tags' chips
            <fieldset className="flex flex-wrap items-center gap-1.5">
              {/* floated, a legend lines up with the buttons instead of sitting on the border */}
              <legend className="float-left text-xs text-slate-500">{t("contacts.tags.suggestions")}</legend>
              {suggestions.map((tag) => (
                <button
                  key={tag.id}
                  type="button"
                  disabled={disabled}
                  onClick={() => pick(tag)}
                  aria-label={t("contacts.tags.add", { name: tag.name })}
                  className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-600 hover:bg-indigo-50 hover:text-indigo-700 disabled:opacity-50"
                >
                  <Plus aria-hidden="true" className="size-3" />
                  {tag.name}
                </button>
              ))}
            </fieldset>
          )}
          {canCreate && query !== "" && !exact && (
            <button
              type="button"
              disabled={disabled || create.isPending}
              onClick={createTag}
              className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-100"
            >
              <Plus aria-hidden="true" className="size-3" />
              {t("contacts.tags.create", { name: text.trim() })}
            </button>
          )}
        </div>
      )}
      {create.error && !existingIdOf(create.error) ? <ErrorAlert error={create.error} /> : null}
    </div>
  );
}
