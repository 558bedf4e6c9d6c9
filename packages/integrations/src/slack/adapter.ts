import type { ChannelAdapter, SendResult, SlackConfig } from "@crm/domain";
import {
  type Failure,
  type HttpClient,
  isRetryableStatus,
  jsonHeaders,
  requestBytes,
  requestJson,
  sendFailure,
  unanswered,
  unreachable,
} from "../shared/http";
import { asRecord, asString } from "../shared/json";
import { header, hmacSha256Hex, safeEqual } from "../shared/timing-safe";
import { parseSlackEvent, slackMessageId, slackTs } from "./parse";

/** Slack's documented window: older requests may be replays. */
export const slackReplayWindowSeconds = 5 * 60;

const retryableErrors = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

function failure(status: number, body: unknown): Failure {
  const error = asString(asRecord(body)?.error) ?? `HTTP ${status}`;
  return {
    ok: false,
    error: `Slack: ${error}`,
    retryable: isRetryableStatus(status) || retryableErrors.has(error),
  };
}

const succeeded = (outcome: { status: number; body: unknown }) =>
  outcome.status === 200 && asRecord(outcome.body)?.ok === true;

/** Slack Web API and Events API. Slack answers most errors with HTTP 200 and `ok: false`. */
export function createSlackAdapter(apiBase: string, http: HttpClient): ChannelAdapter<"slack"> {
  const call = (config: SlackConfig, method: string, params: object) =>
    requestJson(http, `${apiBase}/${method}`, {
      method: "POST",
      headers: jsonHeaders(`Bearer ${config.botToken}`),
      body: JSON.stringify(params),
    });
  // file URLs come from the payload: the token only goes to Slack's own hosts
  const apiOrigin = new URL(apiBase).origin;
  const isSlackUrl = (url: URL) =>
    url.origin === apiOrigin ||
    (url.protocol === "https:" && (url.hostname === "slack.com" || url.hostname.endsWith(".slack.com")));

  return {
    channel: "slack",

    /** v0 signature: HMAC-SHA256 of "v0:<timestamp>:<raw body>" with the signing secret. */
    verify(request, config) {
      const signature = header(request.headers, "x-slack-signature");
      const timestamp = header(request.headers, "x-slack-request-timestamp");
      if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
      if (Math.abs(request.now - Number(timestamp)) > slackReplayWindowSeconds) return false;
      const expected = `v0=${hmacSha256Hex(config.signingSecret, `v0:${timestamp}:`, request.rawBody)}`;
      return safeEqual(signature, expected);
    },

    handshake(payload) {
      const body = asRecord(payload);
      if (body?.type !== "url_verification") return undefined;
      return { body: { challenge: asString(body.challenge) ?? "" } };
    },

    eventId: (payload) => asString(asRecord(payload)?.event_id),

    parse: parseSlackEvent,

    async send(config, message): Promise<SendResult> {
      const outcome = await call(config, "chat.postMessage", {
        channel: message.threadId,
        text: message.text,
        ...(message.replyToChannelMessageId && { thread_ts: slackTs(message.replyToChannelMessageId) }),
      });
      if (!outcome.reached) return unanswered(outcome);
      const body = asRecord(outcome.body);
      const ts = asString(body?.ts);
      if (!succeeded(outcome) || !ts) return sendFailure(outcome, failure(outcome.status, outcome.body));
      return { ok: true, channelMessageId: slackMessageId(asString(body?.channel) ?? message.threadId, ts) };
    },

    async whoAmI(config) {
      const outcome = await call(config, "auth.test", {});
      if (!outcome.reached) return { ok: false, error: outcome.error };
      if (!succeeded(outcome)) return { ok: false, error: failure(outcome.status, outcome.body).error };
      const body = asRecord(outcome.body);
      const user = asString(body?.user);
      const team = asString(body?.team);
      return { ok: true, identity: user && team ? `${user} @ ${team}` : (user ?? team ?? null) };
    },

    async downloadMedia(config, media) {
      const url = URL.canParse(media.providerMediaId) ? new URL(media.providerMediaId) : undefined;
      if (!url || !isSlackUrl(url))
        return { ok: false, error: "Slack: not a Slack file URL", retryable: false };
      const file = await requestBytes(http, url.href, {
        provider: "Slack",
        allowed: isSlackUrl,
        headers: { authorization: `Bearer ${config.botToken}` },
      });
      if (!file.reached) return unreachable(file);
      if (file.status !== 200) return failure(file.status, undefined);
      // without a valid token (or the files:read scope) Slack answers 200 with its sign-in page
      if (file.headers.get("content-type")?.startsWith("text/html") && media.mimeType !== "text/html") {
        return { ok: false, error: "Slack: the file needs the files:read scope", retryable: false };
      }
      const mimeType = media.mimeType ?? file.headers.get("content-type") ?? "application/octet-stream";
      return { ok: true, bytes: file.body, mimeType };
    },
  };
}
