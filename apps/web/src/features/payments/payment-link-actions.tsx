import { Check, Copy, ExternalLink } from "lucide-react";
import { useState } from "react";
import { Button, buttonClasses } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";

/** Copy and open buttons for a checkout URL; the label names what they act on for screen readers. */
export function PaymentLinkActions({ link, label }: { link: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // clipboard blocked: the link is still a plain anchor to open or copy by hand
    }
  };
  return (
    <div className="flex items-center gap-1">
      <Button variant="ghost" size="sm" onClick={() => void copy()}>
        {copied ? (
          <Check aria-hidden="true" className="size-4 text-emerald-600" />
        ) : (
          <Copy aria-hidden="true" className="size-4" />
        )}
        {/* The visible words start the accessible name, which then says which payment. */}
        <span aria-live="polite">{copied ? t("payments.link.copied") : t("payments.link.copy")}</span>
        <span className="sr-only"> {t("payments.link.of", { name: label })}</span>
      </Button>
      <a
        href={link}
        target="_blank"
        rel="noreferrer noopener"
        aria-label={t("payments.link.openLabel", { name: label })}
        className={buttonClasses("ghost", "sm")}
      >
        <ExternalLink aria-hidden="true" className="size-4" />
        {t("payments.link.open")}
      </a>
    </div>
  );
}
