import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileText, Lock, SendHorizontal } from "lucide-react";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { errorCodeOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { useMentionAutocomplete } from "../notifications/mention-autocomplete";
import { NoteMentionNotice, useLastNoteMentions } from "../notifications/note-mention-notice";
import { type Pages, upsertMessage } from "../realtime/cache-updaters";
import { clearDraft, loadDraft, restoreDraft, saveDraft } from "./drafts";
import { type SendProblem, sendProblem, whatsappWindowClosed } from "./send-error";
import { TemplateDialog } from "./template-dialog";
import type { Conversation, Message } from "./types";

/** How often "typing" is repeated while the agent keeps typing (the server's indicator expires on its own). */
const typingEveryMs = 3_000;
/** Where opening a conversation puts the cursor in the composer: a wide screen with a mouse. */
const autofocusMedia = "(min-width: 768px) and (pointer: fine)";

interface ComposerProps {
  conversation: Conversation;
  /** The user may no longer write here (the conversation was reassigned away from them); the draft stays. */
  disabled?: boolean;
}

export function Composer({ conversation, disabled = false }: ComposerProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const errorId = useId();
  const hintId = useId();
  const [initial] = useState(() => loadDraft(conversation.id));
  const [text, setText] = useState(initial.text);
  const [isPrivate, setPrivate] = useState(initial.isPrivate);
  const lastTyping = useRef(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const windowClosed = whatsappWindowClosed(conversation);
  const [templateOpen, setTemplateOpen] = useState(false);
  const showInThread = (message: Message) =>
    queryClient.setQueriesData(
      { queryKey: trpc.conversations.messages.infiniteQueryKey({ id: conversation.id }) },
      (data: Pages<Message> | undefined) => upsertMessage(data, message),
    );
  const send = useMutation(
    trpc.conversations.sendMessage.mutationOptions({
      onSuccess: ({ mentions, ...message }) => {
        notice.show(mentions);
        setText("");
        showInThread(message);
        textarea.current?.focus();
      },
      // The draft was set aside when the send started (a reload meanwhile must not offer it again): it comes
      // back once the server has said it refused the text, even if the agent has left the conversation since.
      // Without an answer (a reload cuts the request short, the network drops) the server may have taken it:
      // the text stays in the composer on screen, but is not kept to be offered again after a reload.
      onError: (error, sent) => {
        if (errorCodeOf(error) !== null)
          restoreDraft(sent.id, { text: sent.text ?? "", isPrivate: sent.isPrivate ?? false });
      },
    }),
  );
  const startTyping = useMutation(trpc.typing.start.mutationOptions());
  const stopTyping = useMutation(trpc.typing.stop.mutationOptions());
  const notice = useLastNoteMentions(conversation.id);
  // A conversation taken away from the user: what went wrong before is no longer news under a locked composer.
  const { reset: resetSend } = send;
  useEffect(() => {
    if (disabled) resetSend();
  }, [disabled, resetSend]);
  const problem = send.error && !disabled ? sendProblem(send.error, conversation, send.variables) : null;
  // the server assigns an unassigned conversation to whoever replies to the customer (not with a note)
  const replyTakes = conversation.assignee === null && !isPrivate && !disabled;
  const sayProblem = (shown: SendProblem): string => {
    const number = (value: number) => new Intl.NumberFormat(locale).format(value);
    switch (shown.kind) {
      case "tooLong":
        return shown.isPrivate
          ? t("inbox.errors.noteTooLong", { max: number(shown.max), count: number(shown.count) })
          : t("inbox.errors.tooLong", {
              channel: t(`inbox.channel.${shown.channel}`),
              max: number(shown.max),
              count: number(shown.count),
            });
      case "textRefused":
        return t("inbox.errors.textRefused", { reason: shown.reason });
      case "message":
        return t(shown.key);
    }
  };

  useEffect(() => {
    // on a phone or tablet, focus would open the on-screen keyboard over the thread the agent came to read
    if (window.matchMedia(autofocusMedia).matches) textarea.current?.focus();
  }, []);

  const change = (value: string) => {
    setText(value);
    saveDraft(conversation.id, { text: value, isPrivate });
    const now = Date.now();
    if (value.trim() !== "" && now - lastTyping.current > typingEveryMs) {
      lastTyping.current = now;
      startTyping.mutate({ conversationId: conversation.id });
    }
  };

  const submit = () => {
    const body = text.trim();
    if (body === "" || send.isPending || disabled) return;
    if (lastTyping.current > 0) {
      lastTyping.current = 0;
      stopTyping.mutate({ conversationId: conversation.id });
    }
    clearDraft(conversation.id);
    send.mutate({ id: conversation.id, text: body, isPrivate });
  };

  const mention = useMentionAutocomplete({
    enabled: isPrivate && !disabled,
    text,
    onTextChange: change,
    textarea,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.onKeyDown(event)) return;
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      className={cx("relative border-t border-slate-200 p-3", isPrivate ? "bg-amber-50" : "bg-white")}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {windowClosed && !isPrivate && !disabled && (
        <Alert tone="info" className="mb-2">
          <p>
            {t(conversation.lastInboundAt ? "inbox.composer.windowClosed" : "inbox.composer.windowNotOpened")}
          </p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => setTemplateOpen(true)}>
            <FileText aria-hidden="true" className="size-4" />
            {t("inbox.template.open")}
          </Button>
        </Alert>
      )}
      <TemplateDialog
        conversationId={conversation.id}
        open={templateOpen}
        onOpenChange={setTemplateOpen}
        onSent={showInThread}
      />
      {problem && (
        <div id={errorId}>
          <Alert tone="error" className="mb-2">
            {sayProblem(problem)}
          </Alert>
        </div>
      )}
      {notice.mentions && <NoteMentionNotice mentions={notice.mentions} onDismiss={notice.dismiss} />}
      {mention.popup}
      <label htmlFor={id} className="sr-only">
        {t("inbox.composer.label")}
      </label>
      <textarea
        id={id}
        ref={textarea}
        rows={3}
        value={text}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
        {...mention.textareaProps}
        // the text itself was refused (too long): the field is what needs attention, and says why
        aria-invalid={problem !== null && problem.kind !== "message" ? true : undefined}
        aria-describedby={[problem && errorId, replyTakes && hintId].filter(Boolean).join(" ") || undefined}
        disabled={disabled}
        // what is being sent is no longer a draft: edits now would come back after a reload, sent text and all
        readOnly={send.isPending}
        placeholder={isPrivate ? t("inbox.composer.notePlaceholder") : t("inbox.composer.placeholder")}
        className={cx(
          "block w-full resize-none rounded-lg border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:outline-none disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500",
          isPrivate ? "bg-white ring-amber-300 focus:ring-amber-500" : "ring-slate-300 focus:ring-indigo-600",
        )}
      />
      {replyTakes && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {t("inbox.composer.replyTakes")}
        </p>
      )}
      <div className="mt-2 flex items-center justify-between gap-3">
        <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={isPrivate}
            disabled={disabled}
            onChange={(event) => {
              setPrivate(event.target.checked);
              if (!send.isPending) saveDraft(conversation.id, { text, isPrivate: event.target.checked });
            }}
            className="size-4 rounded border-slate-300 text-amber-600 focus:ring-amber-500"
          />
          <Lock aria-hidden="true" className="size-3.5 text-amber-700" />
          {t("inbox.composer.privateNote")}
        </label>
        <Button type="submit" size="sm" loading={send.isPending} disabled={disabled || text.trim() === ""}>
          <SendHorizontal aria-hidden="true" className="size-4" />
          {isPrivate ? t("inbox.composer.addNote") : t("inbox.composer.send")}
        </Button>
      </div>
    </form>
  );
}
