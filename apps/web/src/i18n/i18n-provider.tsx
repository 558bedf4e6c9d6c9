import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { en } from "./en";
import { chooseLocale, type Locale, localeStorageKey } from "./locale";
import { ptBR } from "./pt-br";
import { type MessageKey, type Messages, type PluralKey, type Translate, translate } from "./translate";

const dictionaries: Record<Locale, Messages> = { en, "pt-BR": ptBR };

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(localeStorageKey);
  } catch {
    return null; // storage can be disabled (privacy modes); the browser languages still decide
  }
}

export function initialLocale(): Locale {
  if (typeof window === "undefined") return chooseLocale(null, []);
  return chooseLocale(readStoredLocale(), window.navigator.languages ?? [window.navigator.language]);
}

export function I18nProvider({ children, locale: fixedLocale }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixedLocale ?? initialLocale());

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(localeStorageKey, next);
    } catch {
      // the choice still applies for this visit
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(() => {
    const messages = dictionaries[locale];
    const t: Translate = (key: MessageKey | PluralKey, params?: Record<string, string | number>) =>
      translate(messages, key, params, locale);
    return { locale, setLocale, t };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
