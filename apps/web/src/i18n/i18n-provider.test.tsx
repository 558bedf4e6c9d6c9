import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { I18nProvider, useI18n } from "./i18n-provider";

function Greeting() {
  const { t, locale } = useI18n();
  return (
    <p data-locale={locale}>
      {t("nav.settings")} / {t("team.invite.sent", { email: "ana@example.com" })}
    </p>
  );
}

describe("I18nProvider", () => {
  it("renders the chosen language's words through useI18n", () => {
    expect(
      renderToStaticMarkup(
        <I18nProvider locale="pt-BR">
          <Greeting />
        </I18nProvider>,
      ),
    ).toBe('<p data-locale="pt-BR">Configurações / Convite enviado para ana@example.com.</p>');
    expect(
      renderToStaticMarkup(
        <I18nProvider locale="en">
          <Greeting />
        </I18nProvider>,
      ),
    ).toBe('<p data-locale="en">Settings / Invitation sent to ana@example.com.</p>');
  });

  it("refuses to be used outside the provider, so a missing provider is a loud bug", () => {
    expect(() => renderToStaticMarkup(<Greeting />)).toThrow(/I18nProvider/);
  });
});
