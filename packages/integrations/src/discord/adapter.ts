import { createHash } from "node:crypto";
import type { ChannelAdapter, DiscordConfig, SendResult, WebhookReply } from "@crm/domain";
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
import { asNumber, asRecord, asString } from "../shared/json";
import { header } from "../shared/timing-safe";
import { verifyEd25519 } from "./ed25519";
import { interactionTypes, parseDiscordPayload } from "./parse";

const ephemeralFlag = 64;

/** Where Discord serves attachments (https only). */
const discordCdnHosts = new Set(["cdn.discordapp.com", "media.discordapp.net"]);

/** Discord wants an answer to every interaction within 3 seconds; these are the least intrusive ones. */
const acknowledgements: Record<number, WebhookReply> = {
  [interactionTypes.command]: {
    body: { type: 4, data: { content: "Received: we will answer here soon.", flags: ephemeralFlag } },
  },
  [interactionTypes.component]: { body: { type: 6 } },
  [interactionTypes.autocomplete]: { body: { type: 8, data: { choices: [] } } },
  [interactionTypes.modalSubmit]: { body: { type: 4, data: { content: "Received.", flags: ephemeralFlag } } },
};

/**
 * Create Message's `nonce` (at most 25 characters) for our idempotency key: with `enforce_nonce`, Discord
 * answers a repeat within a few minutes with the message it already created instead of creating another.
 */
export const discordNonce = (idempotencyKey: string): string =>
  createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, 25);

function failure(status: number, body: unknown): Failure {
  const answer = asRecord(body);
  const message = asString(answer?.message) ?? `HTTP ${status}`;
  const code = asNumber(answer?.code);
  return {
    ok: false,
    error: code ? `Discord: ${message} (code ${code})` : `Discord: ${message}`,
    retryable: isRetryableStatus(status),
  };
}

/** Discord HTTP API and interactions endpoint; messages themselves come through the Gateway (see gateway.ts). */
export function createDiscordAdapter(apiBase: string, http: HttpClient): ChannelAdapter<"discord"> {
  const auth = (config: DiscordConfig) => jsonHeaders(`Bot ${config.botToken}`);
  // attachment URLs come from a payload: only Discord's CDN (or the configured API, a fake in tests) is asked
  const apiOrigin = new URL(apiBase).origin;
  const isDiscordCdn = (url: URL) =>
    url.origin === apiOrigin || (url.protocol === "https:" && discordCdnHosts.has(url.hostname));

  return {
    channel: "discord",

    /** Ed25519 over timestamp + raw body with the application's public key. */
    verify(request, config) {
      const signature = header(request.headers, "x-signature-ed25519");
      const timestamp = header(request.headers, "x-signature-timestamp");
      if (!signature || !timestamp) return false;
      const message = Buffer.concat([Buffer.from(timestamp, "utf8"), request.rawBody]);
      return verifyEd25519(config.publicKey, message, signature);
    },

    handshake(payload) {
      return asRecord(payload)?.type === interactionTypes.ping ? { body: { type: 1 } } : undefined;
    },

    acknowledge(payload) {
      const type = asNumber(asRecord(payload)?.type);
      return type === undefined ? undefined : acknowledgements[type];
    },

    eventId(payload) {
      const body = asRecord(payload);
      return body?.op === 0 ? asString(asRecord(body.d)?.id) : asString(body?.id);
    },

    parse: (payload, source = "webhook") => parseDiscordPayload(payload, source),

    async send(config, message): Promise<SendResult> {
      const key = message.idempotencyKey;
      const dedupes = key !== undefined;
      const outcome = await requestJson(
        http,
        `${apiBase}/channels/${encodeURIComponent(message.threadId)}/messages`,
        {
          method: "POST",
          headers: auth(config),
          body: JSON.stringify({
            content: message.text,
            allowed_mentions: { parse: [] },
            ...(message.replyToChannelMessageId && {
              message_reference: { message_id: message.replyToChannelMessageId, fail_if_not_exists: false },
            }),
            ...(key !== undefined && { nonce: discordNonce(key), enforce_nonce: true }),
          }),
        },
      );
      if (!outcome.reached) return unanswered(outcome, dedupes);
      const id = asString(asRecord(outcome.body)?.id);
      if (outcome.status !== 200 || !id) {
        return sendFailure(outcome, failure(outcome.status, outcome.body), dedupes);
      }
      return { ok: true, channelMessageId: id };
    },

    async whoAmI(config) {
      const outcome = await requestJson(http, `${apiBase}/users/@me`, { headers: auth(config) });
      if (!outcome.reached) return { ok: false, error: outcome.error };
      const user = asRecord(outcome.body);
      const username = asString(user?.username);
      if (outcome.status !== 200 || !username)
        return { ok: false, error: failure(outcome.status, outcome.body).error };
      return { ok: true, identity: username };
    },

    /** Attachment URLs are signed by Discord's CDN: no token needed. */
    async downloadMedia(_config, media) {
      const file = await requestBytes(http, media.providerMediaId, {
        provider: "Discord",
        allowed: isDiscordCdn,
      });
      if (!file.reached) return unreachable(file);
      if (file.status !== 200) return failure(file.status, undefined);
      const mimeType = media.mimeType ?? file.headers.get("content-type") ?? "application/octet-stream";
      return { ok: true, bytes: file.body, mimeType };
    },
  };
}
