import * as Menu from "@radix-ui/react-dropdown-menu";
import { Link } from "@tanstack/react-router";
import { ArrowRight, EllipsisVertical, ExternalLink } from "lucide-react";
import { useRef } from "react";
import { useI18n } from "../../i18n/i18n-provider";
import type { Stage } from "./use-deal-options";

const itemClasses =
  "flex cursor-default items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-700 outline-none select-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900";

interface DealMoveMenuProps {
  dealId: string;
  title: string;
  currentStageId: string;
  stages: readonly Stage[];
  disabled: boolean;
  onMove: (stageId: string) => void;
}

/** The selector of a card's menu button, wherever the card is: focus follows a card its menu moved. */
export const dealActionsSelector = (dealId: string) => `[data-deal-actions="${CSS.escape(dealId)}"]`;

/**
 * The keyboard (and touch) way to move a card: the same move as dragging it. A move takes the card to another
 * column, where it is a new element, so the menu does not hand focus back to the button it opened from: the
 * board focuses the card's button in its new column (see `onMove`'s caller).
 */
export function DealMoveMenu({ dealId, title, currentStageId, stages, disabled, onMove }: DealMoveMenuProps) {
  const { t } = useI18n();
  const moved = useRef(false);
  return (
    <Menu.Root>
      <Menu.Trigger
        data-deal-actions={dealId}
        aria-label={t("deals.card.actions", { title })}
        // a click on the menu must not start dragging the card
        onPointerDown={(event) => event.stopPropagation()}
        className="-mt-1 -mr-1.5 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 data-[state=open]:bg-slate-100"
      >
        <EllipsisVertical aria-hidden="true" className="size-4" />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={4}
          onCloseAutoFocus={(event) => {
            if (!moved.current) return;
            moved.current = false;
            event.preventDefault();
            document.querySelector<HTMLElement>(dealActionsSelector(dealId))?.focus();
          }}
          className="z-50 w-56 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg"
        >
          {!disabled && (
            <>
              <Menu.Label className="px-2.5 py-1.5 text-xs font-medium text-slate-500">
                {t("deals.card.moveTo")}
              </Menu.Label>
              {stages
                .filter((stage) => stage.id !== currentStageId)
                .map((stage) => (
                  <Menu.Item
                    key={stage.id}
                    className={itemClasses}
                    onSelect={() => {
                      moved.current = true;
                      onMove(stage.id);
                    }}
                  >
                    <span
                      aria-hidden="true"
                      className="size-2 shrink-0 rounded-full"
                      style={{ backgroundColor: stage.color }}
                    />
                    <span className="flex-1 truncate">{stage.name}</span>
                    <ArrowRight aria-hidden="true" className="size-3.5 text-slate-400" />
                  </Menu.Item>
                ))}
              <Menu.Separator className="my-1 h-px bg-slate-200" />
            </>
          )}
          <Menu.Item asChild className={itemClasses}>
            <Link to="/deals/$dealId" params={{ dealId }}>
              <ExternalLink aria-hidden="true" className="size-4" />
              {t("deals.card.open")}
            </Link>
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
