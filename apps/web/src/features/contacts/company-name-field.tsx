import { type ChangeEvent, type KeyboardEvent, useId, useState } from "react";
import { ListboxOption } from "../../components/ui/listbox-option";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { useCompanySearch } from "./use-contact-options";

interface CompanyNameFieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  name?: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  /** A suggested company was chosen: the field holds its name. */
  onPick: (name: string) => void;
}

/**
 * The company's name, free text, with the organization's companies whose name contains it suggested below (any
 * of thousands, asked of the API). A list of our own rather than a `<datalist>`: Escape closes only the list,
 * never the dialog around it, and arrows, Enter and a click pick.
 */
export function CompanyNameField({ value, onChange, onPick, ...field }: CompanyNameFieldProps) {
  const { t } = useI18n();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const found = useCompanySearch(value, { enabled: open }).data?.items ?? [];
  const names = found.map((company) => company.name);
  const shown = open && names.length > 0;
  const activeIndex = Math.min(active, names.length - 1);
  const optionId = (index: number) => `${listId}-${index}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const pick = (name: string) => {
    onPick(name);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!shown) return setOpen(true);
      const last = names.length - 1;
      if (event.key === "ArrowDown") setActive(activeIndex >= last ? 0 : activeIndex + 1);
      else setActive(activeIndex <= 0 ? last : activeIndex - 1);
    } else if (event.key === "Enter" && shown && activeIndex >= 0) {
      event.preventDefault();
      const name = names[activeIndex];
      if (name !== undefined) pick(name);
    } else if (event.key === "Escape" && shown) {
      // the dialog sees an open list here (aria-expanded) and stays open: this Escape is the list's
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="relative">
      <TextField
        {...field}
        value={value}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        onChange={(event) => {
          onChange(event);
          setActive(-1);
          setOpen(true);
        }}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={t("contacts.form.companySuggestions")}
        hidden={!shown}
        className="absolute left-0 z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200"
      >
        {names.map((name, index) => (
          <ListboxOption
            key={name}
            id={optionId(index)}
            active={index === activeIndex}
            onPick={() => pick(name)}
            onHover={() => setActive(index)}
          >
            {name}
          </ListboxOption>
        ))}
      </div>
    </div>
  );
}
