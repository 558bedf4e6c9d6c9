import { Check, Copy } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";

/** The URL to paste in the provider's console, readable and selectable, with a copy button. */
export function WebhookUrl({ url, name, hint }: { url: string; name: string; hint?: string }) {
  const { t } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false); // clipboard blocked (insecure origin, permissions): the field stays selectable
    }
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-500">
        {t("integrations.webhookUrl")}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-lg border-0 bg-slate-50 px-3 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied ? (
            <Check aria-hidden="true" className="size-4 text-emerald-600" />
          ) : (
            <Copy aria-hidden="true" className="size-4" />
          )}
          {/* The visible word starts the accessible name, which then says which URL. */}
          <span aria-live="polite">{copied ? t("apiKeys.copied") : t("apiKeys.copy")}</span>
          <span className="sr-only"> {t("integrations.webhookUrlOf", { name })}</span>
        </Button>
      </div>
      <p className="text-xs text-slate-500">{hint ?? t("integrations.webhookUrlHint")}</p>
    </div>
  );
}
