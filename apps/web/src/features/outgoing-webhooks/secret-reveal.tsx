import { useId } from "react";
import { Alert } from "../../components/ui/alert";
import { controlClasses } from "../../components/ui/field";
import { useI18n } from "../../i18n/i18n-provider";
import { CopyButton } from "../api-keys/copy-button";

/** A signing secret shown once, selectable and with a copy button. */
export function SecretReveal({ secret, warning }: { secret: string; warning: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="space-y-4">
      <Alert tone="info">{warning}</Alert>
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {t("webhooks.created.secret")}
        </label>
        <div className="flex gap-2">
          <input
            id={id}
            readOnly
            value={secret}
            onFocus={(event) => event.currentTarget.select()}
            className={`${controlClasses} font-mono text-xs`}
          />
          <CopyButton text={secret} />
        </div>
      </div>
    </div>
  );
}
