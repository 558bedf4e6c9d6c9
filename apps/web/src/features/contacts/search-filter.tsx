import type { UseQueryResult } from "@tanstack/react-query";
import { ChevronDown, X } from "lucide-react";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { ListboxOption } from "../../components/ui/listbox-option";
import { Spinner } from "../../components/ui/spinner";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";

interface Choice {
  id: string | undefined;
  name: string;
}

interface Found {
  items: ReadonlyArray<{ id: string; name: string }>;
  nextCursor: string | null;
}

export interface SearchFilterWords {
  /** The box's label. */
  filter: string;
  /** The choice that removes the filter, and the box's placeholder. */
  any: string;
  results: string;
  searching: string;
  none: string;
  /** Said when there are more than the results shown. */
  more: string;
  /** Shown for a chosen id the API no longer knows. */
  missing: string;
  clear: string;
}

interface SearchFilterProps {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  words: SearchFilterWords;
  /** Hook: the records whose name contains `text`, asked of the API while the list is open. */
  useResults: (text: string, options: { enabled: boolean }) => UseQueryResult<Found, unknown>;
  /** Hook: the chosen record read by id, while its name is not known otherwise (a filter from the URL). */
  useChosen: (id: string, options: { enabled: boolean }) => UseQueryResult<{ name: string }, unknown>;
}

/**
 * A list filter as a combobox: typing asks the API for the records whose name contains it, so any of thousands
 * can be chosen. Arrows move, Enter picks, Escape closes; the chosen one shows by name even when the filter came
 * from the URL and the record is in no result.
 */
export function SearchFilter({ value, onChange, words, useResults, useChosen }: SearchFilterProps) {
  const { t } = useI18n();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  // the one picked here is known by name at once; one from the URL is read from the API
  const [picked, setPicked] = useState<Choice | null>(null);
  const known = picked && picked.id === value ? picked.name : undefined;
  const selected = useChosen(value ?? "", { enabled: value !== undefined && known === undefined });
  const results = useResults(text, { enabled: open });

  const selectedName =
    value === undefined
      ? undefined
      : (known ?? selected.data?.name ?? (selected.isError ? words.missing : t("common.loading")));
  const anyChoice: Choice = { id: undefined, name: words.any };
  const found = results.data?.items ?? [];
  const choices: Choice[] = [
    ...(text.trim() === "" ? [anyChoice] : []),
    ...found.map(({ id, name }) => ({ id, name })),
  ];
  const activeIndex = Math.min(active, choices.length - 1);
  const optionId = (index: number) => `${listId}-${index}`;
  const activeId = open && activeIndex >= 0 ? optionId(activeIndex) : undefined;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  const close = () => {
    setOpen(false);
    setText("");
    setActive(0);
  };
  const pick = (choice: Choice) => {
    setPicked(choice.id === undefined ? null : choice);
    close();
    if (choice.id !== value) onChange(choice.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const by = event.key === "ArrowDown" ? 1 : -1;
      if (choices.length > 0) setActive((activeIndex + by + choices.length) % choices.length);
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      const choice = choices[activeIndex];
      if (choice) pick(choice);
    } else if (event.key === "Escape" && open) {
      // closes the list only, not a dialog around it; the box shows the chosen one again
      event.stopPropagation();
      close();
    }
  };

  const searching = results.isFetching && (results.isPlaceholderData || !results.data);
  return (
    <div className="relative w-full sm:w-56">
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-label={words.filter}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        value={open ? text : (selectedName ?? "")}
        placeholder={open ? (selectedName ?? anyChoice.name) : anyChoice.name}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        className={cx(
          "h-9 w-full rounded-lg border-0 bg-white py-1.5 pl-3 text-sm shadow-sm ring-1 ring-inset placeholder:text-slate-500 focus:ring-2 focus:ring-indigo-600 focus:outline-none",
          value === undefined ? "pr-8" : "pr-14",
          value === undefined
            ? "text-slate-700 ring-slate-300"
            : "font-medium text-indigo-700 ring-indigo-300",
        )}
      />
      {value !== undefined && (
        <button
          type="button"
          aria-label={words.clear}
          onClick={() => {
            pick(anyChoice);
            input.current?.focus();
          }}
          className="absolute top-1/2 right-7 -translate-y-1/2 rounded p-0.5 text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <X aria-hidden="true" className="size-4" />
        </button>
      )}
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-500"
      />
      <div
        hidden={!open}
        className="absolute left-0 z-20 mt-1 w-full min-w-64 overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-200"
      >
        <div id={listId} role="listbox" aria-label={words.results} className="max-h-64 overflow-y-auto py-1">
          {choices.map((choice, index) => (
            <ListboxOption
              key={choice.id ?? ""}
              id={optionId(index)}
              active={index === activeIndex}
              chosen={choice.id === value}
              onPick={() => pick(choice)}
              onHover={() => setActive(index)}
            >
              {choice.name}
            </ListboxOption>
          ))}
        </div>
        <div role="status" className="text-xs text-slate-600 empty:hidden">
          {searching ? (
            <p className="flex items-center gap-2 border-t border-slate-100 px-3 py-2">
              <Spinner />
              {words.searching}
            </p>
          ) : open && results.data && found.length === 0 ? (
            <p className="border-t border-slate-100 px-3 py-2">{words.none}</p>
          ) : open && results.data?.nextCursor ? (
            <p className="border-t border-slate-100 px-3 py-2">{words.more}</p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
