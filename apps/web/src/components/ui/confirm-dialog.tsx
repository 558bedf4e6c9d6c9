import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import type { ErrorMessageOverrides } from "../../lib/errors";
import { Button } from "./button";
import { Dialog, initialFocus } from "./dialog";
import { ErrorAlert } from "./error-alert";

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  error: unknown;
  errorOverrides?: ErrorMessageOverrides;
  /** A second line under the error's sentence, such as the server's own explanation. */
  errorDetail?: string | undefined;
  /** What the action affects, under the description. */
  children?: ReactNode;
}

/**
 * Asks before a destructive action; stays open and shows the error when the action fails. It opens on Cancel, so
 * an Enter or a space pressed out of habit keeps things as they are.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending,
  error,
  errorOverrides,
  errorDetail,
  children,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} description={description}>
      {children}
      {error ? (
        <ErrorAlert error={error} overrides={errorOverrides} detail={errorDetail} className="mb-4" />
      ) : null}
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => onOpenChange(false)} {...initialFocus}>
          {t("common.cancel")}
        </Button>
        <Button variant="danger" loading={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
