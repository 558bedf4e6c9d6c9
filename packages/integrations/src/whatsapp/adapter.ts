import type { ChannelAdapter, MessageTemplate, SendResult, WhatsAppConfig } from "@crm/domain";
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
import { asArray, asNumber, asRecord, asString } from "../shared/json";
import { header, hmacSha256Hex, safeEqual } from "../shared/timing-safe";
import { parseWhatsAppWebhook } from "./parse";

// Graph API error codes that mean "slow down" even when the HTTP status does not say so.
const throttlingCodes = new Set([4, 80007, 130429, 131048, 131056]);

function failure(status: number, body: unknown): Failure {
  const error = asRecord(asRecord(body)?.error);
  const code = asNumber(error?.code);
  const message = asString(error?.message) ?? `HTTP ${status}`;
  return {
    ok: false,
    error: code === undefined ? `WhatsApp: ${message}` : `WhatsApp: ${message} (code ${code})`,
    retryable: isRetryableStatus(status) || (code !== undefined && throttlingCodes.has(code)),
  };
}

/** WhatsApp Cloud API. `apiBase` includes the Graph API version, e.g. https://graph.facebook.com/v21.0. */
export function createWhatsAppAdapter(apiBase: string, http: HttpClient): ChannelAdapter<"whatsapp"> {
  const auth = (config: WhatsAppConfig) => jsonHeaders(`Bearer ${config.accessToken}`);
  // the media URL is Graph's answer (lookaside.fbsbx.com); the access token goes to no other host
  const apiOrigin = new URL(apiBase).origin;
  const isMetaMediaUrl = (url: URL) =>
    url.origin === apiOrigin || (url.protocol === "https:" && url.hostname.endsWith(".fbsbx.com"));

  return {
    channel: "whatsapp",

    verify(request, config) {
      const signature = header(request.headers, "x-hub-signature-256");
      if (!signature) return false;
      return safeEqual(signature, `sha256=${hmacSha256Hex(config.appSecret, request.rawBody)}`);
    },

    parse: parseWhatsAppWebhook,

    async send(config, message): Promise<SendResult> {
      if (message.template) {
        const messagesUrl = `${apiBase}/${encodeURIComponent(config.phoneNumberId)}/messages`;
        return sendTemplate(http, messagesUrl, auth(config), message.threadId, message.template);
      }
      const outcome = await requestJson(
        http,
        `${apiBase}/${encodeURIComponent(config.phoneNumberId)}/messages`,
        {
          method: "POST",
          headers: auth(config),
          body: JSON.stringify({
            messaging_product: "whatsapp",
            recipient_type: "individual",
            to: message.threadId,
            type: "text",
            text: { body: message.text, preview_url: false },
            ...(message.replyToChannelMessageId && {
              context: { message_id: message.replyToChannelMessageId },
            }),
          }),
        },
      );
      if (!outcome.reached) return unanswered(outcome);
      const id = asString(asRecord(asArray(asRecord(outcome.body)?.messages)[0])?.id);
      if (outcome.status !== 200 || !id) return sendFailure(outcome, failure(outcome.status, outcome.body));
      return { ok: true, channelMessageId: id };
    },

    async whoAmI(config) {
      const url = `${apiBase}/${encodeURIComponent(config.phoneNumberId)}?fields=display_phone_number,verified_name`;
      const outcome = await requestJson(http, url, { headers: auth(config) });
      if (!outcome.reached) return { ok: false, error: outcome.error, retryable: true };
      if (outcome.status !== 200) {
        const { error, retryable } = failure(outcome.status, outcome.body);
        return { ok: false, error, retryable };
      }
      const body = asRecord(outcome.body);
      const number = asString(body?.display_phone_number);
      const name = asString(body?.verified_name);
      return {
        ok: true,
        identity: [name, number && `(${number})`].filter(Boolean).join(" ") || config.phoneNumberId,
      };
    },

    /** Two steps: the media id gives a short-lived URL, fetched with the same token. */
    async downloadMedia(config, media) {
      const lookup = await requestJson(http, `${apiBase}/${encodeURIComponent(media.providerMediaId)}`, {
        headers: auth(config),
      });
      if (!lookup.reached) return unreachable(lookup);
      const info = asRecord(lookup.body);
      const url = asString(info?.url);
      if (lookup.status !== 200 || !url) return failure(lookup.status, lookup.body);
      const file = await requestBytes(http, url, {
        provider: "WhatsApp",
        allowed: isMetaMediaUrl,
        headers: { authorization: `Bearer ${config.accessToken}` },
      });
      if (!file.reached) return unreachable(file);
      if (file.status !== 200) return failure(file.status, undefined);
      const mimeType =
        asString(info?.mime_type) ?? file.headers.get("content-type") ?? "application/octet-stream";
      return { ok: true, bytes: file.body, mimeType };
    },
  };
}

// --- message templates: the only message WhatsApp delivers outside the 24-hour customer-service window ---

/** Meta's wire format of a template message: its body's {{1}}, {{2}}, ... as text parameters, in order. */
function whatsAppTemplateBody(to: string, template: MessageTemplate): object {
  return {
    messaging_product: "whatsapp",
    to,
    type: "template",
    template: {
      name: template.name,
      language: { code: template.language },
      ...(template.bodyParameters.length > 0 && {
        components: [
          {
            type: "body",
            parameters: template.bodyParameters.map((text) => ({ type: "text", text })),
          },
        ],
      }),
    },
  };
}

/** Graph refuses an unknown template (132001) or a wrong parameter count (132000) here, as `failure` words it. */
async function sendTemplate(
  http: HttpClient,
  messagesUrl: string,
  headers: Record<string, string>,
  to: string,
  template: MessageTemplate,
): Promise<SendResult> {
  const outcome = await requestJson(http, messagesUrl, {
    method: "POST",
    headers,
    body: JSON.stringify(whatsAppTemplateBody(to, template)),
  });
  if (!outcome.reached) return unanswered(outcome);
  const id = asString(asRecord(asArray(asRecord(outcome.body)?.messages)[0])?.id);
  if (outcome.status !== 200 || !id) return sendFailure(outcome, failure(outcome.status, outcome.body));
  return { ok: true, channelMessageId: id };
}
