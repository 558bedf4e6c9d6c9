import { can } from "@crm/domain/shared/permissions";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { AlarmClock, CheckCircle2, Hourglass, RotateCcw, UserRound, UserRoundMinus } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button, buttonClasses } from "../../components/ui/button";
import { ErrorAlert } from "../../components/ui/error-alert";
import { useI18n } from "../../i18n/i18n-provider";
import { errorCodeOf } from "../../lib/errors";
import { useSession } from "../auth/use-session";
import { useMembers } from "../deals/use-deal-options";
import { focusRow, rowAfterClose } from "./focus-after-close";
import type { InboxFilters } from "./inbox-filters";
import { SnoozeDialog } from "./snooze-dialog";
import { SnoozeNotice, useLastSnooze } from "./snooze-notice";
import type { Conversation } from "./types";
import {
  useClaimConversation,
  useReleaseConversation,
  useUpdateConversation,
} from "./use-update-conversation";

const itemClasses =
  "flex cursor-default items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-700 outline-none select-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900";

/** The control that takes the focus back once an update is done (its `data-action`). */
type FocusTarget = "assign" | "snooze" | "reopen" | "pending";

interface ConversationActionsProps {
  conversation: Conversation;
  filters: InboxFilters;
}

export function ConversationActions({ conversation, filters }: ConversationActionsProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const members = useMembers().data?.items ?? [];
  const [snoozing, setSnoozing] = useState(false);
  const update = useUpdateConversation();
  const claim = useClaimConversation();
  const release = useReleaseConversation();
  const lastSnooze = useLastSnooze(conversation);
  const actions = useRef<HTMLFieldSetElement>(null);
  // Closing takes the Close button away: focus then goes to the list, or to Reopen when the list is hidden.
  const [focusAfterClose, setFocusAfterClose] = useState<{ row: string | undefined } | null>(null);
  const closed = conversation.status === "closed" && !update.isPending;
  useEffect(() => {
    if (!focusAfterClose || !closed) return;
    setFocusAfterClose(null);
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    if (!focusRow(focusAfterClose.row))
      actions.current?.querySelector<HTMLElement>("[data-action=reopen]")?.focus();
  }, [focusAfterClose, closed]);
  // Choosing an assignee disables the Assign menu's button while it saves, and Reopen goes away once it has
  // reopened: either way the focus would drop to the page. It goes to the menu's button again, or to Snooze,
  // which takes Reopen's place (Reopen itself when reopening failed), once that control is there and enabled.
  const [focusAfterUpdate, setFocusAfterUpdate] = useState<FocusTarget | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-checked as the controls change with the conversation
  useEffect(() => {
    if (!focusAfterUpdate) return;
    if (document.activeElement !== null && document.activeElement !== document.body) {
      setFocusAfterUpdate(null);
      return;
    }
    const target = actions.current?.querySelector<HTMLElement>(`[data-action=${focusAfterUpdate}]`);
    if (!target || target.matches(":disabled")) return;
    setFocusAfterUpdate(null);
    target.focus();
  }, [focusAfterUpdate, update.isPending, conversation.status, conversation.assignee?.id]);
  const mayWrite = can(user.role, "conversations:write");
  const mayAssign = can(user.role, "conversations:assign");
  if (!mayWrite) return null;
  // Without conversations:assign an agent may only take an unassigned conversation or give hers back.
  const mayClaim = !mayAssign && conversation.assignee === null;
  const mayRelease = !mayAssign && conversation.assignee?.id === user.id;
  // Closed and snoozed conversations come back with Reopen; the others can be snoozed.
  const resting = conversation.status === "closed" || conversation.status === "snoozed";
  const assign = (assignedTo: string | null) =>
    update.mutate({ id: conversation.id, assignedTo }, { onSettled: () => setFocusAfterUpdate("assign") });

  return (
    <div className="flex flex-col items-end gap-2">
      <fieldset
        ref={actions}
        aria-label={t("inbox.actions.label")}
        className="flex flex-wrap justify-end gap-2"
      >
        {mayAssign && (
          <Menu.Root>
            <Menu.Trigger
              className={buttonClasses("secondary", "sm")}
              data-action="assign"
              disabled={update.isPending}
            >
              <UserRound aria-hidden="true" className="size-4" />
              {t("inbox.actions.assign")}
            </Menu.Trigger>
            <Menu.Portal>
              <Menu.Content
                align="end"
                sideOffset={4}
                className="z-50 w-56 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg"
              >
                {conversation.assignee?.id !== user.id && (
                  <Menu.Item className={itemClasses} onSelect={() => assign(user.id)}>
                    {t("inbox.actions.assignToMe")}
                  </Menu.Item>
                )}
                {members
                  // a viewer may read but not answer: the server refuses them as assignees
                  .filter(
                    (member) =>
                      can(member.role, "conversations:write") &&
                      member.id !== user.id &&
                      member.id !== conversation.assignee?.id,
                  )
                  .map((member) => (
                    <Menu.Item key={member.id} className={itemClasses} onSelect={() => assign(member.id)}>
                      {member.name}
                    </Menu.Item>
                  ))}
                {conversation.assignee && (
                  <>
                    <Menu.Separator className="my-1 h-px bg-slate-200" />
                    <Menu.Item className={itemClasses} onSelect={() => assign(null)}>
                      {t("inbox.actions.unassign")}
                    </Menu.Item>
                  </>
                )}
              </Menu.Content>
            </Menu.Portal>
          </Menu.Root>
        )}
        {mayClaim && (
          <Button
            variant="secondary"
            size="sm"
            loading={claim.isPending}
            onClick={() => claim.mutate({ id: conversation.id })}
          >
            <UserRound aria-hidden="true" className="size-4" />
            {t("inbox.actions.assignToMe")}
          </Button>
        )}
        {mayRelease && (
          <Button
            variant="secondary"
            size="sm"
            loading={release.isPending}
            onClick={() => release.mutate({ id: conversation.id })}
          >
            <UserRoundMinus aria-hidden="true" className="size-4" />
            {t("inbox.actions.unassign")}
          </Button>
        )}
        {resting ? (
          <Button
            variant="secondary"
            size="sm"
            data-action="reopen"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: conversation.id, status: "open" },
                {
                  onSuccess: () => setFocusAfterUpdate("snooze"),
                  onError: () => setFocusAfterUpdate("reopen"),
                },
              )
            }
          >
            <RotateCcw aria-hidden="true" className="size-4" />
            {t("inbox.actions.reopen")}
          </Button>
        ) : (
          <Button variant="secondary" size="sm" data-action="snooze" onClick={() => setSnoozing(true)}>
            <AlarmClock aria-hidden="true" className="size-4" />
            {t("inbox.actions.snooze")}
          </Button>
        )}
        {(conversation.status === "open" || conversation.status === "pending") && (
          <Button
            variant="secondary"
            size="sm"
            data-action="pending"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: conversation.id, status: conversation.status === "open" ? "pending" : "open" },
                { onSettled: () => setFocusAfterUpdate("pending") },
              )
            }
          >
            <Hourglass aria-hidden="true" className="size-4" />
            {t(conversation.status === "open" ? "inbox.actions.markPending" : "inbox.actions.markOpen")}
          </Button>
        )}
        {conversation.status !== "closed" && (
          <Button
            variant="secondary"
            size="sm"
            loading={update.isPending}
            onClick={() => {
              setFocusAfterClose({ row: rowAfterClose(conversation.id, filters) });
              update.mutate(
                { id: conversation.id, status: "closed" },
                { onError: () => setFocusAfterClose(null) },
              );
            }}
          >
            <CheckCircle2 aria-hidden="true" className="size-4" />
            {t("inbox.actions.close")}
          </Button>
        )}
      </fieldset>
      <SnoozeNotice
        last={lastSnooze.current}
        undoing={update.isPending}
        // Undo takes its own button away: focus goes to Snooze, which is back. Changed since the snooze (by
        // someone else, or woken and snoozed again): nothing to undo any more, and Reopen is still there.
        onUndo={(undo) =>
          update.mutate(
            { id: conversation.id, ...undo },
            {
              onSuccess: () => {
                lastSnooze.undone();
                setFocusAfterUpdate("snooze");
              },
              onError: (error) => {
                if (errorCodeOf(error) !== "PRECONDITION_FAILED") return;
                lastSnooze.dismiss();
                setFocusAfterUpdate("reopen");
              },
            },
          )
        }
        onDismiss={lastSnooze.dismiss}
      />
      {/* only Undo sends a version: a changed one is that snooze's */}
      <ErrorAlert error={update.error} overrides={{ PRECONDITION_FAILED: "inbox.snooze.undoChanged" }} />
      <ErrorAlert error={claim.error ?? release.error} overrides={{ CONFLICT: "inbox.actions.taken" }} />
      <SnoozeDialog
        conversationId={conversation.id}
        open={snoozing}
        onOpenChange={setSnoozing}
        // the status it had before: what Undo brings back
        onSnoozed={(snoozed) => lastSnooze.snoozed(snoozed, conversation.status)}
      />
    </div>
  );
}
