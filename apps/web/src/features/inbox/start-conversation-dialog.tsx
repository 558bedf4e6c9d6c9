import { can } from "@crm/domain/shared/permissions";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { ErrorAlert } from "../../components/ui/error-alert";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { useI18n } from "../../i18n/i18n-provider";
import type { RouterOutputs } from "../../lib/api-types";
import { cx } from "../../lib/cx";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { ChannelIcon, channelLabelKey } from "./channel-icon";
import type { InboxFilters } from "./inbox-filters";
import { isHiddenExisting, useStartConversation } from "./use-start-conversation";

interface StartConversationDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  contact: { id: string; name: string };
  /** The inbox filters to keep when the conversation opens (from the inbox search); none from elsewhere. */
  search?: InboxFilters;
}

type StartChannel = RouterOutputs["conversations"]["channels"]["items"][number];

/** Under a channel: the contact already has a conversation there, and who handles it. */
function ExistingNote({ existing }: { existing: NonNullable<StartChannel["existing"]> }) {
  const { t } = useI18n();
  const { user } = useSession();
  const assignee = existing.assignee;
  const note = () => {
    if (!assignee)
      return t(existing.mayOpen ? "inbox.start.existing.unassigned" : "inbox.start.existing.hidden");
    if (!existing.mayOpen) return t("inbox.start.existing.handledBy", { member: assignee.name });
    if (assignee.id === user.id) return t("inbox.start.existing.yours");
    return t("inbox.start.existing.handledByOpen", { member: assignee.name });
  };
  return <span className="block text-xs text-slate-600">{note()}</span>;
}

const unavailableKeys = {
  customer_starts: "inbox.start.unavailable.customerStarts",
  no_phone: "inbox.start.unavailable.noPhone",
  never_wrote: "inbox.start.unavailable.neverWrote",
} as const;

/** Picks the channel to write to a contact on; the first message is then typed in the conversation's composer. */
export function StartConversationDialog({
  open,
  onOpenChange,
  contact,
  search = {},
}: StartConversationDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const radioName = useId();
  const channels = useQuery(
    trpc.conversations.channels.queryOptions(open ? { contactId: contact.id } : skipToken, { staleTime: 0 }),
  );
  const items = channels.data?.items ?? [];
  const reachable = items.filter((item) => item.unavailable === null);
  // a conversation another member handles cannot be opened, nor a second one started: not offered
  const usable = reachable.filter((item) => item.existing?.mayOpen !== false);
  const [chosen, setChosen] = useState<string>();
  const start = useStartConversation(search, () => close());
  const selected = usable.find((item) => item.id === chosen) ?? usable[0];
  // the dialog stays mounted: the next opening starts without the last one's error
  function close() {
    start.reset();
    onOpenChange(false);
  }

  const body = () => {
    if (channels.isPending) return <Loading />;
    if (channels.isError)
      return <QueryError error={channels.error} onRetry={() => void channels.refetch()} />;
    if (items.length === 0) {
      return (
        <Alert tone="info">
          {t(can(user.role, "integrations:write") ? "inbox.start.noChannels" : "inbox.start.noChannelsAsk")}
        </Alert>
      );
    }
    return (
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium text-slate-900">{t("inbox.start.channel")}</legend>
        {items.map((item) => {
          const disabled = !usable.includes(item);
          return (
            <label
              key={item.id}
              className={cx(
                "flex items-start gap-3 rounded-lg px-3 py-2.5 ring-1 ring-inset",
                disabled
                  ? "cursor-not-allowed bg-slate-50 ring-slate-200"
                  : "cursor-pointer ring-slate-300 has-[:checked]:bg-indigo-50 has-[:checked]:ring-indigo-500",
              )}
            >
              <input
                type="radio"
                name={radioName}
                value={item.id}
                disabled={disabled}
                checked={selected?.id === item.id}
                onChange={() => setChosen(item.id)}
                className="mt-0.5 size-4 border-slate-300 text-indigo-600 focus:ring-indigo-600"
              />
              <ChannelIcon channel={item.channel} className="mt-0.5" />
              <span className="min-w-0">
                <span
                  className={cx("block text-sm font-medium", disabled ? "text-slate-500" : "text-slate-900")}
                >
                  {item.name} · {t(channelLabelKey(item.channel))}
                </span>
                {item.unavailable && (
                  <span className="block text-xs text-slate-600">
                    {t(unavailableKeys[item.unavailable.code], {
                      name: contact.name,
                      channel: t(channelLabelKey(item.channel)),
                    })}
                  </span>
                )}
                {item.existing && <ExistingNote existing={item.existing} />}
              </span>
            </label>
          );
        })}
        {reachable.length === 0 && (
          <Alert tone="info" className="mt-3">
            {t("inbox.start.noneUsable", { name: contact.name })}
          </Alert>
        )}
        {selected?.whatsappWindow && !selected.whatsappWindow.open && (
          <Alert tone="info" className="mt-3">
            {t("inbox.start.whatsappWindow")}
          </Alert>
        )}
      </fieldset>
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={t("inbox.start.title", { name: contact.name })}
      description={t("inbox.start.description")}
    >
      <form
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (selected?.existing?.id) start.openExisting(selected.existing.id);
          else if (selected) start.mutate({ contactId: contact.id, integrationId: selected.id });
        }}
      >
        {start.error &&
          (isHiddenExisting(start.error) ? (
            <Alert tone="error">{t("inbox.start.existsElsewhere", { name: contact.name })}</Alert>
          ) : (
            <ErrorAlert error={start.error} />
          ))}
        {body()}
        <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
          <Button variant="secondary" onClick={close}>
            {t("common.cancel")}
          </Button>
          {selected && (
            <Button type="submit" loading={start.isPending}>
              {t(selected.existing ? "inbox.start.openExisting" : "inbox.start.submit")}
            </Button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
