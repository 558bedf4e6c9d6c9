import { generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import type { DiscordConfig } from "@crm/domain";
import { type FakeDiscordGateway, startFakeDiscordGateway } from "./fake-discord-gateway";
import {
  bearerOf,
  bodyOf,
  type FakeFailure,
  type FakeProvider,
  type FakeResponse,
  type SignedWebhook,
  startFakeServer,
} from "./fake-server";

const discordEpochMs = 1_420_070_400_000n;
let increment = 0n;

/** A Discord id: creation time in the top bits, then worker, process and an increment. */
export function fakeSnowflake(at: Date = new Date()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(at.getTime()) - discordEpochMs) << 22n) | increment).toString();
}

export interface DiscordKeyPair {
  /** The raw 32-byte public key in hex, as the developer portal shows it. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function fakeDiscordKeyPair(): DiscordKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const der = publicKey.export({ format: "der", type: "spki" });
  return { publicKeyHex: der.subarray(der.length - 32).toString("hex"), privateKey };
}

/** Discord's interaction signature: Ed25519 over timestamp + body with the application's key. */
export function signedDiscordWebhook(
  payload: unknown,
  privateKey: KeyObject,
  timestamp?: number,
): SignedWebhook {
  const body = bodyOf(payload);
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(ts + body), privateKey).toString("hex");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": signature,
      "x-signature-timestamp": ts,
    },
  };
}

export interface FakeDiscordSentMessage {
  id: string;
  channelId: string;
  content: string;
  replyTo: string | undefined;
  nonce: string | number | undefined;
}

export interface FakeDiscordAttachment {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  url: string;
  proxy_url: string;
}

export interface FakeDiscord extends FakeProvider {
  /** Pass as DISCORD_API_BASE. */
  apiBase: string;
  /** Pass as DISCORD_GATEWAY_URL (GET /gateway/bot names it too). */
  gatewayUrl: string;
  gateway: FakeDiscordGateway;
  config: DiscordConfig;
  keys: DiscordKeyPair;
  botUser: { id: string; username: string };
  sent: FakeDiscordSentMessage[];
  /**
   * Puts a message object (see `discordMessage`) in its channel's history, which GET /channels/{id}/messages
   * reads: a message written while no Gateway was listening. Nothing is dispatched. Our sends go there too.
   */
  addChannelMessage(message: Record<string, unknown>): void;
  addAttachment(bytes: Uint8Array, contentType: string, filename?: string): FakeDiscordAttachment;
  signedWebhook(payload: unknown, timestamp?: number): SignedWebhook;
}

const discordError = (status: number, message: string, code = 0, extra: object = {}): FakeResponse => ({
  status,
  json: { message, code, ...extra },
});

const failures: Record<FakeFailure, FakeResponse> = {
  401: discordError(401, "401: Unauthorized"),
  429: {
    ...discordError(429, "You are being rate limited.", 0, { retry_after: 0.5, global: false }),
    headers: { "retry-after": "1", "x-ratelimit-scope": "user" },
  },
  500: discordError(500, "500: Internal Server Error"),
};

/** The HTTP API (send, /users/@me, /gateway/bot, attachments) and a Gateway on the same port. */
export async function startFakeDiscord(
  options: Partial<DiscordConfig> & { heartbeatIntervalMs?: number } = {},
): Promise<FakeDiscord> {
  const keys = fakeDiscordKeyPair();
  const applicationId = options.applicationId ?? fakeSnowflake();
  const config: DiscordConfig = {
    applicationId,
    publicKey: options.publicKey ?? keys.publicKeyHex,
    botToken:
      options.botToken ??
      `${Buffer.from(applicationId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(28).toString("base64url")}`,
  };
  const botUser = { id: applicationId, username: "crm-bot" };
  const sent: FakeDiscordSentMessage[] = [];
  // Create Message's enforce_nonce: nonce -> the message created with it. Discord keeps one a few minutes,
  // the fake for its whole life (longer than any test)
  const byNonce = new Map<string | number, Record<string, unknown>>();
  const attachments = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const channels = new Map<string, Array<Record<string, unknown>>>();
  const addChannelMessage = (message: Record<string, unknown>) => {
    const channelId = String(message.channel_id);
    channels.set(channelId, [...(channels.get(channelId) ?? []), message]);
  };
  let origin = "";
  let gatewayUrl = "";

  const fake = await startFakeServer({
    failure: (failure) => failures[failure],
    notFound: () => discordError(404, "404: Not Found"),
    route(request) {
      const attachment = request.path.match(/^\/attachments\/(\d+)\//);
      if (attachment) {
        const found = attachment[1] === undefined ? undefined : attachments.get(attachment[1]);
        return found
          ? { bytes: found.bytes, contentType: found.contentType }
          : discordError(404, "404: Not Found");
      }
      if (!request.path.startsWith("/api/v10/")) return undefined;
      if (bearerOf(request, "Bot") !== config.botToken) return discordError(401, "401: Unauthorized");
      const path = request.path.slice("/api/v10".length);
      if (request.method === "GET" && path === "/users/@me") {
        return {
          json: {
            id: botUser.id,
            username: botUser.username,
            discriminator: "0",
            global_name: null,
            bot: true,
            avatar: null,
          },
        };
      }
      if (request.method === "GET" && path === "/gateway/bot") {
        return {
          json: {
            url: gatewayUrl,
            shards: 1,
            session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
          },
        };
      }
      const channelId = path.match(/^\/channels\/(\d+)\/messages$/)?.[1];
      if (request.method === "GET" && channelId)
        return channelHistory(channels.get(channelId), request.query);
      if (request.method === "POST" && channelId) {
        const body = request.json as
          | {
              content?: string;
              message_reference?: { message_id?: string };
              nonce?: unknown;
              enforce_nonce?: unknown;
            }
          | undefined;
        if (!body?.content) return discordError(400, "Cannot send an empty message", 50006);
        const nonce = body.nonce;
        if (nonce !== undefined && !isNonce(nonce)) return invalidNonce();
        const earlier = nonce !== undefined && body.enforce_nonce === true ? byNonce.get(nonce) : undefined;
        if (earlier) return { json: earlier };
        const id = fakeSnowflake();
        sent.push({
          id,
          channelId,
          content: body.content,
          replyTo: body.message_reference?.message_id,
          nonce,
        });
        const message = {
          id,
          type: body.message_reference ? 19 : 0,
          channel_id: channelId,
          content: body.content,
          author: { id: botUser.id, username: botUser.username, bot: true, discriminator: "0" },
          timestamp: new Date().toISOString(),
          attachments: [],
          ...(nonce !== undefined && { nonce }),
          ...(body.message_reference && {
            message_reference: { channel_id: channelId, ...body.message_reference },
          }),
        };
        addChannelMessage(message);
        if (nonce !== undefined) byNonce.set(nonce, message);
        return { json: message };
      }
      return undefined;
    },
  });
  origin = fake.origin;
  const gateway = await startFakeDiscordGateway(fake.server, {
    path: "/gateway",
    botTokens: [config.botToken],
    botUser,
    applicationId,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
  });
  gatewayUrl = `${origin.replace(/^http/, "ws")}/gateway`;

  return {
    ...fake,
    async close() {
      await gateway.close();
      await fake.close();
    },
    apiBase: `${origin}/api/v10`,
    gatewayUrl,
    gateway,
    config,
    keys,
    botUser,
    sent,
    addChannelMessage,
    addAttachment(bytes, contentType, filename = "file.bin") {
      const id = fakeSnowflake();
      attachments.set(id, { bytes, contentType });
      const url = `${origin}/attachments/${id}/${encodeURIComponent(filename)}`;
      return { id, filename, content_type: contentType, size: bytes.length, url, proxy_url: url };
    },
    signedWebhook: (payload, timestamp) => signedDiscordWebhook(payload, keys.privateKey, timestamp),
  };
}

/** Create Message's nonce: an integer or a string of up to 25 characters. */
const isNonce = (value: unknown): value is string | number =>
  (typeof value === "string" && value.length <= 25) || Number.isSafeInteger(value);

const invalidNonce = () =>
  discordError(400, "Invalid Form Body", 50035, {
    errors: {
      nonce: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] },
    },
  });

const snowflakeOrder = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const [x, y] = [BigInt(String(a.id)), BigInt(String(b.id))];
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * GET /channels/{id}/messages as Discord answers it: newest first; with `after`, the `limit` messages right
 * after that id; with `before`, those right before it; else the newest. `limit` 1-100, 50 by default.
 */
function channelHistory(history: Array<Record<string, unknown>> = [], query: URLSearchParams): FakeResponse {
  const limit = Number(query.get("limit") ?? 50);
  const after = query.get("after");
  const before = query.get("before");
  const snowflake = /^\d{1,20}$/;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return discordError(400, "Invalid Form Body", 50035, {
      errors: {
        limit: { _errors: [{ code: "NUMBER_TYPE_MAX", message: "int value should be <= 100 and >= 1." }] },
      },
    });
  }
  if ((after !== null && !snowflake.test(after)) || (before !== null && !snowflake.test(before))) {
    return discordError(400, "Invalid Form Body", 50035);
  }
  const oldestFirst = history.toSorted(snowflakeOrder);
  let page: Array<Record<string, unknown>>;
  if (after !== null) {
    page = oldestFirst.filter((message) => BigInt(String(message.id)) > BigInt(after)).slice(0, limit);
  } else if (before !== null) {
    page = oldestFirst.filter((message) => BigInt(String(message.id)) < BigInt(before)).slice(-limit);
  } else page = oldestFirst.slice(-limit);
  return { json: page.toReversed() };
}

export interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

/** A message object as MESSAGE_CREATE carries it. */
export function discordMessage(input: {
  channelId: string;
  content: string;
  author?: DiscordUser;
  id?: string;
  guildId?: string;
  attachments?: FakeDiscordAttachment[];
  replyTo?: string;
}): Record<string, unknown> {
  const id = input.id ?? fakeSnowflake();
  return {
    id,
    type: input.replyTo ? 19 : 0,
    channel_id: input.channelId,
    ...(input.guildId && { guild_id: input.guildId }),
    author: input.author ?? {
      id: fakeSnowflake(),
      username: "joao",
      global_name: "João",
      discriminator: "0",
    },
    content: input.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    attachments: input.attachments ?? [],
    embeds: [],
    pinned: false,
    ...(input.replyTo && { message_reference: { message_id: input.replyTo, channel_id: input.channelId } }),
  };
}

/** The PING Discord sends when the Interactions Endpoint URL is saved. */
export const discordPing = (applicationId: string) => ({
  id: fakeSnowflake(),
  application_id: applicationId,
  type: 1,
  token: `interaction-token-${randomBytes(8).toString("hex")}`,
  version: 1,
});

/** A slash command run in a server channel. */
export function discordCommandInteraction(input: {
  applicationId: string;
  channelId: string;
  name: string;
  options?: Array<{ name: string; type: number; value: string | number | boolean }>;
  user?: DiscordUser;
  guildId?: string;
}): Record<string, unknown> {
  return {
    id: fakeSnowflake(),
    application_id: input.applicationId,
    type: 2,
    token: `interaction-token-${randomBytes(8).toString("hex")}`,
    version: 1,
    guild_id: input.guildId ?? fakeSnowflake(),
    channel_id: input.channelId,
    channel: { id: input.channelId, type: 0 },
    member: { user: input.user ?? { id: fakeSnowflake(), username: "joao", global_name: "João" }, roles: [] },
    data: { id: fakeSnowflake(), name: input.name, type: 1, options: input.options ?? [] },
  };
}
