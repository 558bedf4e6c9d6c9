import { useSortable } from "@dnd-kit/sortable";
import { ArrowDown, ArrowUp, GripVertical, Trash2 } from "lucide-react";
import type { ChangeEvent, ReactNode } from "react";
import { controlClasses } from "../../components/ui/field";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { type StageDraft, stageProblems } from "./stage-drafts";

interface StageRowProps {
  draft: StageDraft;
  index: number;
  total: number;
  disabled: boolean;
  canRemove: boolean;
  /** Open deals in the stage, as the board counts them. */
  dealCount: number;
  showProblems: boolean;
  onChange: (draft: StageDraft) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

const inputClasses = `${controlClasses} h-9 py-1.5`;

/** One stage: dragged by its handle with a pointer, or moved with the up and down buttons. */
export function StageRow({
  draft,
  index,
  total,
  disabled,
  canRemove,
  dealCount,
  showProblems,
  onChange,
  onMove,
  onRemove,
}: StageRowProps) {
  const { t } = useI18n();
  const { setNodeRef, setActivatorNodeRef, listeners, transform, transition, isDragging } = useSortable({
    id: draft.key,
    disabled,
  });
  const problems = showProblems ? stageProblems(draft) : {};
  const name = draft.name || t("pipelines.stage.unnamed", { position: index + 1 });
  const style = {
    transform: transform
      ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)`
      : undefined,
    transition,
  };
  const field = (key: "name" | "probability" | "rottingDays") => ({
    value: draft[key],
    disabled,
    "aria-invalid": problems[key] ? true : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange({ ...draft, [key]: event.target.value }),
  });

  return (
    <li
      ref={setNodeRef}
      style={style}
      className={cx(
        "grid grid-cols-[auto_auto_1fr] items-start gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200 sm:grid-cols-[auto_auto_minmax(0,1fr)_7rem_7rem_auto]",
        isDragging && "relative z-10 shadow-lg ring-indigo-300",
      )}
    >
      <button
        ref={setActivatorNodeRef}
        type="button"
        tabIndex={-1}
        aria-hidden="true"
        disabled={disabled}
        className="mt-1.5 cursor-grab touch-none rounded p-0.5 text-slate-400 hover:text-slate-700 active:cursor-grabbing disabled:cursor-default"
        {...listeners}
      >
        <GripVertical className="size-4" />
      </button>
      <input
        type="color"
        value={draft.color}
        disabled={disabled}
        aria-label={t("pipelines.stage.colorOf", { name })}
        onChange={(event) => onChange({ ...draft, color: event.target.value })}
        className="mt-0.5 h-8 w-8 cursor-pointer rounded-md border-0 bg-transparent p-0"
      />
      <div>
        <input
          type="text"
          aria-label={t("pipelines.stage.nameOf", { position: index + 1 })}
          className={inputClasses}
          {...field("name")}
        />
        {problems.name && <p className="mt-1 text-xs font-medium text-red-600">{t(problems.name)}</p>}
        {dealCount > 0 && (
          <p className="mt-1 text-xs text-slate-500">{t("pipelines.stage.deals", { count: dealCount })}</p>
        )}
      </div>
      <div className="col-start-3 sm:col-start-auto">
        {/* wider screens show these as column headers; a phone stacks the fields, so each says what it is */}
        <span aria-hidden="true" className="mb-1 block text-xs font-medium text-slate-500 sm:hidden">
          {t("pipelines.stage.probability")}
        </span>
        <div className="relative">
          <input
            type="text"
            inputMode="numeric"
            aria-label={t("pipelines.stage.probabilityOf", { name })}
            className={cx(inputClasses, "pr-7")}
            {...field("probability")}
          />
          <span
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-slate-500"
          >
            %
          </span>
        </div>
        {problems.probability && (
          <p className="mt-1 text-xs font-medium text-red-600">{t(problems.probability)}</p>
        )}
      </div>
      <div className="col-start-3 sm:col-start-auto">
        <span aria-hidden="true" className="mb-1 block text-xs font-medium text-slate-500 sm:hidden">
          {t("pipelines.stage.rotting")}
        </span>
        <input
          type="text"
          inputMode="numeric"
          placeholder={t("pipelines.stage.never")}
          aria-label={t("pipelines.stage.rottingOf", { name })}
          className={inputClasses}
          {...field("rottingDays")}
        />
        {problems.rottingDays && (
          <p className="mt-1 text-xs font-medium text-red-600">{t(problems.rottingDays)}</p>
        )}
      </div>
      <div className="col-start-3 flex items-center gap-0.5 sm:col-start-auto">
        <IconButton
          label={t("pipelines.stage.moveUp", { name })}
          disabled={disabled || index === 0}
          onClick={() => onMove(index - 1)}
        >
          <ArrowUp aria-hidden="true" className="size-4" />
        </IconButton>
        <IconButton
          label={t("pipelines.stage.moveDown", { name })}
          disabled={disabled || index === total - 1}
          onClick={() => onMove(index + 1)}
        >
          <ArrowDown aria-hidden="true" className="size-4" />
        </IconButton>
        <IconButton
          label={t("pipelines.stage.remove", { name })}
          disabled={disabled || !canRemove || total === 1}
          onClick={onRemove}
        >
          <Trash2 aria-hidden="true" className="size-4" />
        </IconButton>
      </div>
    </li>
  );
}

function IconButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-30 disabled:hover:bg-transparent"
    >
      {children}
    </button>
  );
}
