import { createHash, createHmac, randomBytes } from "node:crypto";
import type { WhatsAppConfig } from "@crm/domain";
import {
  bearerOf,
  bodyOf,
  type FakeFailure,
  type FakeProvider,
  type FakeResponse,
  fakeId,
  type SignedWebhook,
  startFakeServer,
} from "./fake-server";
import {
  createFakeWhatsAppTemplates,
  type FakeWhatsAppSentTemplate,
  isWhatsAppTemplateSend,
} from "./fake-whatsapp-templates";

export const fakeWhatsAppVersion = "v21.0";

export interface FakeWhatsAppSentMessage {
  id: string;
  phoneNumberId: string;
  to: string;
  text: string;
  replyTo: string | undefined;
}

export interface FakeWhatsApp extends FakeProvider {
  /** Pass as WHATSAPP_API_BASE: the origin plus the Graph API version. */
  apiBase: string;
  /** Credentials this fake accepts, ready for POST /integrations. */
  config: WhatsAppConfig;
  verifiedName: string;
  displayPhoneNumber: string;
  sent: FakeWhatsAppSentMessage[];
  /** Template messages accepted, each with its request body exactly as received. */
  sentTemplates: FakeWhatsAppSentTemplate[];
  /** Approves a template in one language with its body's parameter count: others get Graph's 132001 error. */
  addTemplate(name: string, language: string, bodyParameterCount?: number): void;
  /**
   * A number readable (and usable to send) only with its owner's token, by default this fake's own: credentials
   * for it, ready for POST /integrations. Other tokens get Graph's "does not exist" error for it. Adding a number
   * again with another token hands it over (a renewed token): the old one no longer reads it.
   */
  addPhoneNumber(options?: { phoneNumberId?: string; accessToken?: string }): WhatsAppConfig;
  /** Makes media downloadable by id (what a webhook's image.id names). */
  addMedia(bytes: Uint8Array, mimeType: string): string;
  /** A webhook for this number signed with this app's secret. */
  signedWebhook(payload: unknown): SignedWebhook;
}

const graphError = (
  status: number,
  code: number,
  message: string,
  type = "OAuthException",
  subcode?: number,
): FakeResponse => ({
  status,
  json: {
    error: {
      message,
      type,
      code,
      ...(subcode !== undefined && { error_subcode: subcode }),
      fbtrace_id: fakeId("A"),
    },
  },
});

/** Graph's answer for an object that does not exist or that the token may not see (it does not say which). */
const notVisible = (method: string, id: string) =>
  graphError(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to ` +
      "missing permissions, or does not support this operation. Please read the Graph API documentation at " +
      "https://developers.facebook.com/docs/graph-api",
    "GraphMethodException",
    33,
  );

const randomPhoneNumberId = () => String(100_000_000_000_000 + Math.floor(Math.random() * 1e14));

const failures: Record<FakeFailure, FakeResponse> = {
  401: graphError(401, 190, "Error validating access token: Session has expired."),
  429: graphError(429, 130429, "(#130429) Rate limit hit"),
  500: {
    status: 500,
    json: {
      error: {
        message: "An unknown error has occurred.",
        type: "OAuthException",
        code: 1,
        is_transient: true,
      },
    },
  },
};

/** A Cloud API message id: "wamid." and base64, as Meta sends them. */
export const fakeWamid = (): string => `wamid.${randomBytes(24).toString("base64")}`;

/** Meta's webhook signature: X-Hub-Signature-256 = "sha256=" + HMAC-SHA256(app secret, raw body). */
export function signedWhatsAppWebhook(payload: unknown, appSecret: string): SignedWebhook {
  const body = bodyOf(payload);
  const signature = createHmac("sha256", appSecret).update(body).digest("hex");
  return {
    body,
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` },
  };
}

/** The Cloud API's Graph endpoints the adapter uses: send, phone number lookup, media lookup and download. */
export async function startFakeWhatsApp(
  options: Partial<WhatsAppConfig> & { verifiedName?: string; displayPhoneNumber?: string } = {},
): Promise<FakeWhatsApp> {
  const config: WhatsAppConfig = {
    phoneNumberId: options.phoneNumberId ?? randomPhoneNumberId(),
    accessToken: options.accessToken ?? `EAAG${randomBytes(32).toString("hex")}`,
    appSecret: options.appSecret ?? randomBytes(16).toString("hex"),
    verifyToken: options.verifyToken ?? `verify-${randomBytes(8).toString("hex")}`,
  };
  const verifiedName = options.verifiedName ?? "Loja Exemplo";
  const displayPhoneNumber = options.displayPhoneNumber ?? "+55 11 98765-4321";
  const sent: FakeWhatsAppSentMessage[] = [];
  const templates = createFakeWhatsAppTemplates();
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  // phone number id -> the access token that can use it
  const owners = new Map([[config.phoneNumberId, config.accessToken]]);
  const knownTokens = () => new Set(owners.values());
  const version = `/${fakeWhatsAppVersion}`;
  let origin = "";

  const fake = await startFakeServer({
    failure: (failure) => failures[failure],
    // Graph answers the same for an object that does not exist and for one the token may not see
    notFound: (request) => {
      const id = request.path.startsWith(`${version}/`) ? request.path.slice(version.length + 1) : "";
      return notVisible(request.method, id.split("/")[0] ?? "");
    },
    route(request) {
      const token = bearerOf(request);
      if (token === undefined || !knownTokens().has(token)) {
        return graphError(401, 190, "Invalid OAuth access token - Cannot parse access token");
      }
      const downloadId = request.path.match(/^\/media-download\/([\w.-]+)$/)?.[1];
      if (downloadId && request.method === "GET") {
        const file = media.get(downloadId);
        return file ? { bytes: file.bytes, contentType: file.mimeType } : { status: 404, json: undefined };
      }
      if (!request.path.startsWith(`${version}/`)) return undefined;
      const [id, edge] = request.path.slice(version.length + 1).split("/");
      const ownsNumber = id !== undefined && owners.get(id) === token;
      if (request.method === "POST" && edge === "messages" && isWhatsAppTemplateSend(request.json)) {
        return ownsNumber
          ? templates.answer(id, request.json, fakeWamid())
          : notVisible(request.method, id ?? "");
      }
      if (request.method === "POST" && edge === "messages") {
        if (!ownsNumber) return notVisible(request.method, id ?? "");
        const body = request.json as
          | {
              messaging_product?: string;
              to?: string;
              type?: string;
              text?: { body?: string };
              context?: { message_id?: string };
            }
          | undefined;
        if (body?.messaging_product !== "whatsapp" || !body.to || body.type !== "text" || !body.text?.body) {
          return graphError(400, 100, "(#100) Invalid parameter");
        }
        const messageId = fakeWamid();
        sent.push({
          id: messageId,
          phoneNumberId: id,
          to: body.to,
          text: body.text.body,
          replyTo: body.context?.message_id,
        });
        return {
          json: {
            messaging_product: "whatsapp",
            contacts: [{ input: body.to, wa_id: body.to }],
            messages: [{ id: messageId }],
          },
        };
      }
      if (request.method === "GET" && edge === undefined && ownsNumber) {
        return {
          json: {
            verified_name: verifiedName,
            display_phone_number: displayPhoneNumber,
            id,
            quality_rating: "GREEN",
          },
        };
      }
      const file = id === undefined ? undefined : media.get(id);
      if (request.method === "GET" && edge === undefined && id !== undefined && file) {
        return {
          json: {
            messaging_product: "whatsapp",
            url: `${origin}/media-download/${id}`,
            mime_type: file.mimeType,
            sha256: createHash("sha256").update(file.bytes).digest("hex"),
            file_size: file.bytes.length,
            id,
          },
        };
      }
      return undefined;
    },
  });
  origin = fake.origin;

  return {
    ...fake,
    apiBase: `${fake.origin}${version}`,
    config,
    verifiedName,
    displayPhoneNumber,
    sent,
    sentTemplates: templates.sent,
    addTemplate: templates.add,
    addPhoneNumber(number = {}) {
      const added = {
        ...config,
        phoneNumberId: number.phoneNumberId ?? randomPhoneNumberId(),
        accessToken: number.accessToken ?? config.accessToken,
      };
      owners.set(added.phoneNumberId, added.accessToken);
      return added;
    },
    addMedia(bytes, mimeType) {
      const id = String(Math.floor(Math.random() * 1e15));
      media.set(id, { bytes, mimeType });
      return id;
    },
    signedWebhook: (payload) => signedWhatsAppWebhook(payload, config.appSecret),
  };
}

export interface WhatsAppTextInput {
  phoneNumberId: string;
  /** The sender's wa_id: digits, Brazilian mobiles often without the ninth digit (e.g. "551187654321"). */
  from: string;
  text: string;
  name?: string;
  id?: string;
  timestamp?: Date;
  replyTo?: string;
}

const metadata = (phoneNumberId: string) => ({
  display_phone_number: "15550001111",
  phone_number_id: phoneNumberId,
});
const seconds = (date: Date = new Date()) => String(Math.floor(date.getTime() / 1000));

/** A webhook as Meta sends it: one entry with one `messages` change whose value holds `value`. */
export function whatsAppChange(phoneNumberId: string, value: object): object {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: { messaging_product: "whatsapp", metadata: metadata(phoneNumberId), ...value },
          },
        ],
      },
    ],
  };
}

/** A `messages` change as Meta sends it: one entry, one change, contacts and messages. */
export function whatsAppTextWebhook(input: WhatsAppTextInput): object {
  return whatsAppChange(input.phoneNumberId, {
    contacts: [{ profile: { name: input.name ?? "Cliente" }, wa_id: input.from }],
    messages: [
      {
        from: input.from,
        id: input.id ?? fakeWamid(),
        timestamp: seconds(input.timestamp),
        type: "text",
        text: { body: input.text },
        ...(input.replyTo && { context: { from: input.from, id: input.replyTo } }),
      },
    ],
  });
}

/** A 1x1 PNG: media small enough to inline, real enough for a browser to decode. */
export const onePixelPng = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

/** A customer's photo, video, voice note or document: `mediaId` is what `addMedia` answered. */
export function whatsAppMediaWebhook(
  input: Omit<WhatsAppTextInput, "text" | "replyTo"> & {
    mediaId: string;
    kind: "image" | "video" | "audio" | "document";
    mimeType: string;
    caption?: string;
    fileName?: string;
  },
): object {
  const message = {
    from: input.from,
    id: input.id ?? fakeWamid(),
    timestamp: seconds(input.timestamp),
    type: input.kind,
    [input.kind]: {
      id: input.mediaId,
      mime_type: input.mimeType,
      ...(input.caption !== undefined && { caption: input.caption }),
      ...(input.fileName !== undefined && { filename: input.fileName }),
    },
  };
  return whatsAppChange(input.phoneNumberId, {
    contacts: [{ profile: { name: input.name ?? "Cliente" }, wa_id: input.from }],
    messages: [message],
  });
}

/** A `statuses` change: what Meta sends as an outbound message is sent, delivered, read or fails. */
export function whatsAppStatusWebhook(input: {
  phoneNumberId: string;
  messageId: string;
  recipient: string;
  status: "sent" | "delivered" | "read" | "failed";
  timestamp?: Date;
  error?: { code: number; title: string; details?: string };
}): object {
  return whatsAppChange(input.phoneNumberId, {
    statuses: [
      {
        id: input.messageId,
        status: input.status,
        timestamp: seconds(input.timestamp),
        recipient_id: input.recipient,
        ...(input.error && {
          errors: [
            {
              code: input.error.code,
              title: input.error.title,
              message: input.error.title,
              error_data: { details: input.error.details ?? input.error.title },
            },
          ],
        }),
      },
    ],
  });
}
