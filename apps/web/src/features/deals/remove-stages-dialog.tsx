import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { SelectField } from "../../components/ui/select-field";
import { useI18n } from "../../i18n/i18n-provider";
import type { StageTarget } from "./stage-drafts";
import type { Stage } from "./use-deal-options";

interface RemoveStagesDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  removed: readonly Stage[];
  /** Stages that exist now and stay, as edited: only these can receive the deals. */
  targets: readonly StageTarget[];
  pending: boolean;
  error: unknown;
  onConfirm: (targetStageId: string) => void;
}

export function RemoveStagesDialog({
  open,
  onOpenChange,
  removed,
  targets,
  pending,
  error,
  onConfirm,
}: RemoveStagesDialogProps) {
  const { t } = useI18n();
  const [target, setTarget] = useState("");
  const chosen = targets.some((stage) => stage.id === target) ? target : (targets[0]?.id ?? "");
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("pipelines.removeStages.title")}
      description={t("pipelines.removeStages.description", {
        stages: removed.map((stage) => stage.name).join(", "),
        count: removed.length,
      })}
    >
      <div className="space-y-5">
        <ErrorAlert error={error} />
        {targets.length === 0 ? (
          <Alert tone="error">{t("pipelines.removeStages.noTarget")}</Alert>
        ) : (
          <SelectField
            label={t("pipelines.removeStages.target")}
            value={chosen}
            onChange={(event) => setTarget(event.target.value)}
            options={targets.map((stage) => ({ value: stage.id, label: stage.name }))}
          />
        )}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t("common.cancel")}
          </Button>
          <Button
            variant="danger"
            loading={pending}
            disabled={chosen === ""}
            onClick={() => onConfirm(chosen)}
          >
            {t("pipelines.removeStages.confirm")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
