import { localeNames } from "../../components/language-select";
import { Card } from "../../components/ui/card";
import { PageHeader } from "../../components/ui/page-header";
import { SelectField } from "../../components/ui/select-field";
import { useI18n } from "../../i18n/i18n-provider";
import { isLocale, locales } from "../../i18n/locale";
import { useDocumentTitle } from "../../lib/use-document-title";
import { PasswordCard } from "./password-card";
import { ProfileCard } from "./profile-card";
import { SessionsCard } from "./sessions-card";

export function AccountPage() {
  const { t } = useI18n();
  useDocumentTitle(t("account.title"));
  return (
    <>
      <PageHeader title={t("account.title")} description={t("account.description")} />
      <div className="space-y-6">
        <ProfileCard />
        <LanguageCard />
        <PasswordCard />
        <SessionsCard />
      </div>
    </>
  );
}

/** The app's language is the browser's choice (as in the account menu), not stored with the user. */
function LanguageCard() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Card title={t("account.language.title")} description={t("account.language.description")}>
      <div className="max-w-xs">
        <SelectField
          label={t("common.language")}
          value={locale}
          options={locales.map((option) => ({ value: option, label: localeNames[option] }))}
          onChange={(event) => {
            if (isLocale(event.target.value)) setLocale(event.target.value);
          }}
        />
      </div>
    </Card>
  );
}
