import { Globe } from "lucide-react";
import { useId } from "react";
import { useI18n } from "../i18n/i18n-provider";
import { isLocale, type Locale, locales } from "../i18n/locale";

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
export const localeNames: Record<Locale, string> = { "pt-BR": "Português (Brasil)", en: "English" };

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm text-slate-600">
      <Globe aria-hidden="true" className="size-4" />
      <label htmlFor={id} className="sr-only">
        {t("common.language")}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
        className="rounded-md border-0 bg-transparent py-1 pr-1 text-sm text-slate-700 hover:text-slate-900 focus:ring-2 focus:ring-indigo-600"
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {localeNames[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
