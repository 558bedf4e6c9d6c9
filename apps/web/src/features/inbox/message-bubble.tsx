import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileText, Lock } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "../../components/ui/button";
import { ErrorAlert } from "../../components/ui/error-alert";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { apiBaseUrl } from "../../lib/env";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { upsertMessage } from "../realtime/cache-updaters";
import { DeliveryStatus } from "./delivery-status";
import { FailedSendReason } from "./failed-send-reason";
import { mediaHref } from "./media-href";
import { TemplateDialog } from "./template-dialog";
import { draftOf, templateRefusalOf, templateShown } from "./template-message";
import type { Message } from "./types";
import { useTemplateWording } from "./use-template-wording";

interface MessageBubbleProps {
  message: Message;
  /** Who wrote an outbound message or note, when it was a teammate. */
  authorName: string | undefined;
  mayWrite: boolean;
}

export function MessageBubble({ message, authorName, mayWrite }: MessageBubbleProps) {
  const { t, locale } = useI18n();
  const outbound = message.direction === "outbound";
  const note = message.isPrivate;
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(message.sentAt));
  return (
    <li
      className={cx("flex", outbound || note ? "justify-end" : "justify-start")}
      data-message-id={message.id}
    >
      <div
        // a sent message can fail and be retried: the focus lands here once the retry button is gone
        tabIndex={outbound && !note ? -1 : undefined}
        data-message-bubble=""
        className={cx(
          "max-w-[75%] rounded-2xl px-3.5 py-2 text-sm shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-2",
          note
            ? "border border-dashed border-amber-300 bg-amber-50 text-amber-950"
            : outbound
              ? "bg-indigo-600 text-white"
              : "bg-white text-slate-900 ring-1 ring-slate-200",
        )}
      >
        {note && (
          <p className="mb-1 flex items-center gap-1 text-xs font-semibold text-amber-800">
            <Lock aria-hidden="true" className="size-3" />
            {t("inbox.thread.privateNote")}
            {authorName && <span className="font-normal">· {authorName}</span>}
          </p>
        )}
        <MessageBody message={message} />
        <p
          className={cx(
            "mt-1 flex items-center justify-end gap-1 text-[11px]",
            note ? "text-amber-700" : outbound ? "text-indigo-100" : "text-slate-500",
          )}
        >
          {outbound && !note && authorName && <span>{authorName} ·</span>}
          <time dateTime={message.sentAt} title={formatDateTime(message.sentAt, locale)}>
            {time}
          </time>
          {outbound && !note && message.status && <DeliveryStatus status={message.status} />}
        </p>
        {message.status === "failed" && <FailedNotice message={message} mayWrite={mayWrite} />}
      </div>
    </li>
  );
}

function MessageBody({ message }: { message: Message }) {
  const { t } = useI18n();
  const templateWording = useTemplateWording();
  if (message.deletedAt) return <p className="italic opacity-80">{t("inbox.thread.deleted")}</p>;
  // `content` describes a template in English for API clients; the thread words it from what was sent
  if (message.template) {
    return (
      <p className="break-words whitespace-pre-wrap">{templateWording(templateShown(message.template))}</p>
    );
  }
  const media = message.media;
  const caption = message.content ? (
    <p className="break-words whitespace-pre-wrap">{message.content}</p>
  ) : null;
  if (message.contentType === "text") return caption;
  if (message.contentType === "unsupported" || message.contentType === "location") {
    return caption ?? <p className="italic opacity-80">{t("inbox.thread.unsupported")}</p>;
  }
  if (!media?.url) {
    const pending = media?.status !== "failed";
    return (
      <>
        <p className="italic opacity-80">
          {t(pending ? "inbox.thread.mediaPending" : "inbox.thread.mediaFailed")}
        </p>
        {caption}
      </>
    );
  }
  const href = mediaHref(media.url, apiBaseUrl);
  if (message.contentType === "image" || message.contentType === "sticker") {
    return (
      <>
        <a href={href} target="_blank" rel="noreferrer" className="block">
          <img
            src={href}
            alt={message.content || media.fileName || t("inbox.thread.image")}
            loading="lazy"
            className="max-h-72 rounded-lg"
          />
        </a>
        {caption && <div className="mt-1.5">{caption}</div>}
      </>
    );
  }
  if (message.contentType === "video") {
    return (
      <>
        {/* biome-ignore lint/a11y/useMediaCaption: customers' videos come without captions */}
        <video src={href} controls className="max-h-72 rounded-lg" />
        {caption}
      </>
    );
  }
  if (message.contentType === "audio") {
    return (
      <>
        {/* biome-ignore lint/a11y/useMediaCaption: customers' voice notes come without captions */}
        <audio src={href} controls className="max-w-full" />
        {caption}
      </>
    );
  }
  return (
    <>
      <a
        href={href}
        target="_blank"
        rel="noreferrer"
        download={media.fileName ?? true}
        className="flex items-center gap-2 underline"
      >
        <FileText aria-hidden="true" className="size-4 shrink-0" />
        <span className="truncate">{media.fileName ?? t("inbox.thread.file")}</span>
      </a>
      {caption}
    </>
  );
}

function FailedNotice({ message, mayWrite }: { message: Message; mayWrite: boolean }) {
  const refusal = message.template ? templateRefusalOf(message.error) : null;
  if (message.template && refusal) {
    return (
      <TemplateRefused message={message} template={message.template} refusal={refusal} mayWrite={mayWrite} />
    );
  }
  return <RetryableFailure message={message} mayWrite={mayWrite} />;
}

const refusalKeys = {
  parameter_count: "inbox.thread.templateRefused.parameterCount",
  missing_template: "inbox.thread.templateRefused.missingTemplate",
} as const;

/**
 * WhatsApp refused the template as it was written (wrong parameter count, no such template): sending it
 * again cannot work, so the agent corrects it in the template form, reopened with what was sent.
 */
function TemplateRefused({
  message,
  template,
  refusal,
  mayWrite,
}: {
  message: Message;
  template: NonNullable<Message["template"]>;
  refusal: NonNullable<ReturnType<typeof templateRefusalOf>>;
  mayWrite: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fixing, setFixing] = useState(false);
  const showInThread = (sent: Message) =>
    queryClient.setQueriesData(
      { queryKey: trpc.conversations.messages.infiniteQueryKey({ id: sent.conversationId }) },
      (data: Parameters<typeof upsertMessage>[0]) => upsertMessage(data, sent),
    );
  return (
    <div className="mt-2 space-y-2 rounded-lg bg-white/95 p-2 text-xs text-red-800">
      <p>{t(refusalKeys[refusal])}</p>
      {mayWrite && (
        <>
          <Button size="sm" variant="secondary" onClick={() => setFixing(true)}>
            {t("inbox.thread.fixAndResend")}
          </Button>
          <TemplateDialog
            conversationId={message.conversationId}
            open={fixing}
            onOpenChange={setFixing}
            onSent={showInThread}
            initial={draftOf(template)}
          />
        </>
      )}
    </div>
  );
}

function RetryableFailure({ message, mayWrite }: { message: Message; mayWrite: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const box = useRef<HTMLDivElement>(null);
  // The message retried: once the retry is under way this notice goes away, Try again with it, and the focus
  // would drop to the page. It goes to the message instead, so the agent stays in the thread.
  const retried = useRef<HTMLElement | null>(null);
  useEffect(
    () => () => {
      const bubble = retried.current;
      if (bubble?.isConnected && focusIsLost()) bubble.focus();
    },
    [],
  );
  const retry = useMutation(
    trpc.messages.retry.mutationOptions({
      onError: () => {
        // the button was disabled while it worked, which let go of the focus: it is back, so is the focus
        if (focusIsLost()) box.current?.querySelector("button")?.focus();
      },
      onSuccess: (sent) => {
        queryClient.setQueriesData(
          { queryKey: trpc.conversations.messages.infiniteQueryKey({ id: sent.conversationId }) },
          (data: Parameters<typeof upsertMessage>[0]) => upsertMessage(data, sent),
        );
      },
    }),
  );
  return (
    <div ref={box} className="mt-2 space-y-2 rounded-lg bg-white/95 p-2 text-xs text-red-800">
      <FailedSendReason error={message.error} channel={message.channel} />
      {mayWrite && (
        <Button
          size="sm"
          variant="secondary"
          loading={retry.isPending}
          onClick={(event) => {
            retried.current = event.currentTarget.closest<HTMLElement>("[data-message-bubble]");
            retry.mutate({ id: message.id });
          }}
        >
          {t("inbox.thread.retry")}
        </Button>
      )}
      <ErrorAlert error={retry.error} />
    </div>
  );
}

const focusIsLost = () => document.activeElement === null || document.activeElement === document.body;
