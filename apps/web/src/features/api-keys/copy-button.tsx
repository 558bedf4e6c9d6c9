import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";

export function CopyButton({ text }: { text: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false); // clipboard blocked (insecure origin, permissions): the field stays selectable
    }
  };
  return (
    <Button variant="secondary" onClick={() => void copy()}>
      {copied ? (
        <Check aria-hidden="true" className="size-4 text-emerald-600" />
      ) : (
        <Copy aria-hidden="true" className="size-4" />
      )}
      <span aria-live="polite">{copied ? t("apiKeys.copied") : t("apiKeys.copy")}</span>
    </Button>
  );
}
