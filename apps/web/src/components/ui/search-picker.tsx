import { type KeyboardEvent, type ReactNode, useEffect, useId, useState } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { Button } from "./button";
import { errorId } from "./field";
import { ListboxOption } from "./listbox-option";
import { SearchInput } from "./search-input";
import { Spinner } from "./spinner";

export interface SearchPickerOptions<Item> {
  /** The matches the API answered, first ones first. */
  options: readonly Item[];
  /** No answer yet (a later search keeps the previous answer on screen while it loads). */
  isPending: boolean;
  /** The options still answer an earlier search (kept on screen while the current one loads). */
  isPlaceholderData: boolean;
}

export interface SearchPickerWords {
  placeholder: string;
  /** The list's accessible name. */
  results: string;
  /** Said when the search matches nothing. */
  none: string;
  /** Said instead of `none` when nothing was typed and there is still nothing to pick. */
  empty?: string;
  /** The button that puts the search back in place of the choice. */
  change: string;
}

interface SearchPickerProps<Item extends { id: string }> {
  label: string;
  value: Item | null;
  onChange: (item: Item | null) => void;
  /** Hook: the records matching `search` (the typed text, trimmed, once typing pauses; empty for any). */
  useOptions: (search: string, options: { enabled: boolean }) => SearchPickerOptions<Item>;
  /** The most options the list shows. */
  limit: number;
  /** Whether a match may be picked here at all (the contact being merged into may not). */
  offers?: (item: Item) => boolean;
  /** What a row of the list shows of an option. */
  renderOption: (item: Item) => ReactNode;
  /** What the card of the current choice shows of it. */
  renderChoice: (item: Item) => ReactNode;
  words: SearchPickerWords;
  error?: string | undefined;
  /** The list's height before it scrolls. */
  listClassName?: string;
}

/**
 * Finds one record among any number by asking the API as the user types; the choice then shows as a card with a
 * way to change it. A combobox with its own listbox: focus stays in the box, arrows move, Enter picks (the first
 * match while none is pointed at) once the list answers what is typed now, Escape hides the list. The list shows
 * from the start, so a click is enough.
 */
export function SearchPicker<Item extends { id: string }>({
  label,
  value,
  onChange,
  useOptions,
  renderOption,
  renderChoice,
  limit,
  offers,
  words,
  error,
  listClassName = "max-h-64",
}: SearchPickerProps<Item>) {
  const { t } = useI18n();
  const id = useId();
  const listId = `${id}-options`;
  const [text, setText] = useState("");
  const search = useDebouncedValue(text.trim());
  const found = useOptions(search, { enabled: value === null });
  const options = (offers ? found.options.filter(offers) : found.options).slice(0, limit);
  const { isPending } = found;
  const [open, setOpen] = useState(true);
  const [active, setActive] = useState(-1);
  // where the user just swapped the box for the card or back; not set when a value arrives from outside
  const [focusTo, setFocusTo] = useState<"choice" | "search" | null>(null);

  // another list under the same row number is other records: nothing stays pointed at
  const resultsKey = `${found.isPlaceholderData}:${search}`;
  const [shownResultsKey, setShownResultsKey] = useState(resultsKey);
  if (shownResultsKey !== resultsKey) {
    setShownResultsKey(resultsKey);
    setActive(-1);
  }
  const valueId = value?.id ?? null;
  const [shownValueId, setShownValueId] = useState(valueId);
  if (shownValueId !== valueId) {
    setShownValueId(valueId);
    setActive(-1);
    // emptied from outside (not by Change): the search starts over
    if (valueId === null && focusTo !== "search") {
      setText("");
      setOpen(true);
    }
  }

  const expanded = open && options.length > 0;
  const answersText = search === text.trim() && !found.isPlaceholderData;
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (item: Item) => `${listId}-${item.id}`;
  const activeOption = expanded ? options[activeIndex] : undefined;
  const activeId = activeOption ? optionId(activeOption) : undefined;
  const changeId = `${id}-change`;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  // the box and the card take each other's place: focus follows, rather than falling back to the page
  const hasChoice = value !== null;
  useEffect(() => {
    if (focusTo === null) return;
    if (focusTo === (hasChoice ? "choice" : "search"))
      document.getElementById(hasChoice ? changeId : id)?.focus();
    // asked once: if the parent ignored the change, a later one from outside must not move focus
    setFocusTo(null);
  }, [focusTo, hasChoice, changeId, id]);

  const pick = (item: Item) => {
    setFocusTo("choice");
    setActive(-1);
    onChange(item);
  };

  if (value) {
    return (
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-slate-700">{label}</p>
        <div className="flex items-center gap-3 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset">
          {renderChoice(value)}
          <Button
            id={changeId}
            variant="ghost"
            size="sm"
            onClick={() => {
              setFocusTo("search");
              setOpen(true);
              onChange(null);
            }}
          >
            {words.change}
          </Button>
        </div>
      </div>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const last = options.length - 1;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (last < 0) return;
      if (event.key === "ArrowDown") setActive(!expanded || activeIndex >= last ? 0 : activeIndex + 1);
      else setActive(!expanded || activeIndex <= 0 ? last : activeIndex - 1);
    } else if (event.key === "Enter") {
      // never submits the form around the picker, and picks nothing from the answer to an earlier search
      event.preventDefault();
      const option = expanded && answersText ? (activeOption ?? options[0]) : undefined;
      if (option) pick(option);
    } else if (event.key === "Escape" && expanded) {
      // a dialog around sees the list open (aria-expanded) and stays open: this Escape is the list's
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  const message = isPending ? (
    <div className="flex justify-center p-3 text-slate-400">
      <Spinner />
      <span className="sr-only">{t("common.loading")}</span>
    </div>
  ) : options.length === 0 ? (
    <p className="p-3 text-sm text-slate-500">{search === "" ? (words.empty ?? words.none) : words.none}</p>
  ) : null;

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <SearchInput
        id={id}
        label={label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId(id) : undefined}
        autoComplete="off"
        placeholder={words.placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p id={errorId(id)} className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
      <div
        hidden={!open}
        className={cx("overflow-y-auto rounded-lg ring-1 ring-slate-200 ring-inset", listClassName)}
      >
        <div role="status" className="empty:hidden">
          {message}
        </div>
        <div
          id={listId}
          role="listbox"
          aria-label={words.results}
          // still the answer to an earlier search: Enter waits for the one to what is typed now
          aria-busy={answersText ? undefined : true}
          hidden={options.length === 0}
          className="divide-y divide-slate-100"
        >
          {options.map((item, index) => (
            <ListboxOption
              key={item.id}
              id={optionId(item)}
              active={index === activeIndex}
              onPick={() => pick(item)}
              onHover={() => setActive(index)}
            >
              {/* with the option's own padding, the row of the list of buttons this replaced */}
              <span className="flex items-center gap-3 py-0.5">{renderOption(item)}</span>
            </ListboxOption>
          ))}
        </div>
      </div>
    </div>
  );
}
