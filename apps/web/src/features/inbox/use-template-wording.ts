import { useI18n } from "../../i18n/i18n-provider";
import type { TemplateShown } from "./template-message";

/** Words a template message in the user's language: Modelo “pedido_enviado” (pt_BR): Antônia · #1234. */
export function useTemplateWording(): (shown: TemplateShown) => string {
  const { t } = useI18n();
  return ({ name, language, parameters }) =>
    parameters === ""
      ? t("inbox.thread.template", { name, language })
      : t("inbox.thread.templateWithParameters", { name, language, parameters });
}
