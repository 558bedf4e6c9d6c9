import { createHmac, randomBytes } from "node:crypto";
import type { SlackConfig } from "@crm/domain";
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

export interface FakeSlackSentMessage {
  channel: string;
  ts: string;
  text: string;
  threadTs: string | undefined;
}

export interface FakeSlackFile {
  id: string;
  name: string;
  mimetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
}

export interface FakeSlack extends FakeProvider {
  /** Pass as SLACK_API_BASE. */
  apiBase: string;
  config: SlackConfig;
  team: { id: string; name: string };
  botUser: { id: string; name: string; botId: string };
  sent: FakeSlackSentMessage[];
  /** A file served to requests with the bot token (like files.slack.com); put it in an event's `files`. */
  addFile(bytes: Uint8Array, mimetype: string, name?: string): FakeSlackFile;
  signedWebhook(payload: unknown, timestamp?: number): SignedWebhook;
}

// Slack answers most errors with HTTP 200 and ok: false
const slackError = (error: string, status = 200, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  json: { ok: false, error },
  headers,
});

const failures: Record<FakeFailure, FakeResponse> = {
  401: slackError("invalid_auth"),
  429: slackError("ratelimited", 429, { "retry-after": "1" }),
  500: slackError("internal_error", 500),
};

/** Slack's v0 signature over "v0:<timestamp>:<body>"; `timestamp` in seconds, now by default. */
export function signedSlackWebhook(
  payload: unknown,
  signingSecret: string,
  timestamp?: number,
): SignedWebhook {
  const body = bodyOf(payload);
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", signingSecret).update(`v0:${ts}:${body}`).digest("hex");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": ts,
      "x-slack-signature": `v0=${signature}`,
    },
  };
}

let tsCounter = 0;
/** Message timestamps: seconds and six digits, unique per fake process. */
export const fakeSlackTs = (): string => {
  tsCounter = (tsCounter + 1) % 1_000_000;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, "0")}`;
};

/** Web API methods (chat.postMessage, auth.test) under /api and private file downloads under /files. */
export async function startFakeSlack(options: Partial<SlackConfig> = {}): Promise<FakeSlack> {
  const config: SlackConfig = {
    botToken: options.botToken ?? `xoxb-${Date.now()}-${randomBytes(12).toString("hex")}`,
    signingSecret: options.signingSecret ?? randomBytes(16).toString("hex"),
  };
  const team = { id: `T${fakeId().toUpperCase()}`, name: "Fake Team" };
  const botUser = { id: `U${fakeId().toUpperCase()}`, name: "crm-bot", botId: `B${fakeId().toUpperCase()}` };
  const sent: FakeSlackSentMessage[] = [];
  const files = new Map<string, { bytes: Uint8Array; mimetype: string }>();
  let origin = "";

  const methods: Record<string, (params: Record<string, unknown>) => FakeResponse> = {
    "auth.test": () => ({
      json: {
        ok: true,
        url: "https://fake-team.slack.com/",
        team: team.name,
        user: botUser.name,
        team_id: team.id,
        user_id: botUser.id,
        bot_id: botUser.botId,
        is_enterprise_install: false,
      },
    }),
    "chat.postMessage"(params) {
      const channel = typeof params.channel === "string" ? params.channel : "";
      const text = typeof params.text === "string" ? params.text : "";
      if (channel === "") return slackError("channel_not_found");
      if (text === "") return slackError("no_text");
      const ts = fakeSlackTs();
      const threadTs = typeof params.thread_ts === "string" ? params.thread_ts : undefined;
      sent.push({ channel, ts, text, threadTs });
      return {
        json: {
          ok: true,
          channel,
          ts,
          message: {
            type: "message",
            text,
            user: botUser.id,
            bot_id: botUser.botId,
            ts,
            ...(threadTs && { thread_ts: threadTs }),
          },
        },
      };
    },
  };

  const fake = await startFakeServer({
    failure: (failure) => failures[failure],
    notFound: () => slackError("unknown_method", 404),
    route(request) {
      const file = request.path.match(/^\/files\/([\w-]+)\//);
      if (file) {
        const found = file[1] === undefined ? undefined : files.get(file[1]);
        // a request without the token gets the sign-in page, as Slack does
        if (bearerOf(request) !== config.botToken || !found) {
          return {
            bytes: new TextEncoder().encode("<!DOCTYPE html><title>Slack</title>"),
            contentType: "text/html; charset=utf-8",
          };
        }
        return { bytes: found.bytes, contentType: found.mimetype };
      }
      const method = request.path.match(/^\/api\/([\w.]+)$/)?.[1];
      const handler = method === undefined ? undefined : methods[method];
      if (!handler) return undefined;
      if (bearerOf(request) !== config.botToken)
        return slackError(request.headers.authorization ? "invalid_auth" : "not_authed");
      return handler({
        ...Object.fromEntries(request.query),
        ...(request.json as Record<string, unknown> | undefined),
      });
    },
  });
  origin = fake.origin;

  return {
    ...fake,
    apiBase: `${fake.origin}/api`,
    config,
    team,
    botUser,
    sent,
    addFile(bytes, mimetype, name = "file.bin") {
      const id = `F${fakeId().toUpperCase()}`;
      files.set(id, { bytes, mimetype });
      const url = `${origin}/files/${id}/${encodeURIComponent(name)}`;
      return {
        id,
        name,
        mimetype,
        size: bytes.length,
        url_private: url,
        url_private_download: `${url}?download=1`,
      };
    },
    signedWebhook: (payload, timestamp) => signedSlackWebhook(payload, config.signingSecret, timestamp),
  };
}

/** An Events API `event_callback` carrying a message a person wrote in a channel. */
export function slackMessageEvent(input: {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  threadTs?: string;
  eventId?: string;
  teamId?: string;
  files?: FakeSlackFile[];
  botId?: string;
  subtype?: string;
}): Record<string, unknown> {
  const ts = input.ts ?? fakeSlackTs();
  return {
    token: "legacy-verification-token",
    team_id: input.teamId ?? "T0001",
    api_app_id: "A0001",
    event: {
      type: "message",
      channel: input.channel,
      user: input.user,
      text: input.text,
      ts,
      event_ts: ts,
      channel_type: "channel",
      ...(input.threadTs && { thread_ts: input.threadTs }),
      ...(input.files && { files: input.files, subtype: "file_share" }),
      ...(input.botId && { bot_id: input.botId }),
      ...(input.subtype && { subtype: input.subtype }),
    },
    type: "event_callback",
    event_id: input.eventId ?? `Ev${fakeId().toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
  };
}

/** What Slack sends when the Request URL is saved: it expects the challenge back. */
export const slackUrlVerification = (challenge: string) => ({
  token: "legacy-verification-token",
  challenge,
  type: "url_verification",
});
