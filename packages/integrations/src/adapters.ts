import type { ChannelAdapter, ChannelAdapters } from "@crm/domain";
import { createDiscordAdapter } from "./discord/adapter";
import { defaultHttpClient, type HttpClient } from "./shared/http";

export { defaultMediaMaxBytes } from "./shared/http";

import { createSlackAdapter } from "./slack/adapter";
import { createTelegramAdapter } from "./telegram/adapter";
import { createWhatsAppAdapter } from "./whatsapp/adapter";

/** Where each provider's API is: configuration, so tests point them at the local fakes. */
export interface ChannelApiBases {
  whatsapp: string;
  telegram: string;
  slack: string;
  discord: string;
}

export const defaultChannelApiBases: ChannelApiBases = {
  whatsapp: "https://graph.facebook.com/v21.0",
  telegram: "https://api.telegram.org",
  slack: "https://slack.com/api",
  discord: "https://discord.com/api/v10",
};

export interface ChannelAdapterOptions {
  /** Per request, in milliseconds (default 15 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The largest media file downloaded, in bytes (default 25 MiB); a larger one is refused. */
  mediaMaxBytes?: number;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function createChannelAdapters(
  bases: ChannelApiBases,
  options: ChannelAdapterOptions = {},
): ChannelAdapters {
  const defaults = defaultHttpClient();
  const http: HttpClient = {
    fetch: options.fetch ?? defaults.fetch,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    mediaMaxBytes: options.mediaMaxBytes ?? defaults.mediaMaxBytes,
  };
  const adapters = {
    whatsapp: createWhatsAppAdapter(trimSlash(bases.whatsapp), http),
    telegram: createTelegramAdapter(trimSlash(bases.telegram), http),
    slack: createSlackAdapter(trimSlash(bases.slack), http),
    discord: createDiscordAdapter(trimSlash(bases.discord), http),
  };
  return {
    // each entry is the adapter of its key; TypeScript cannot follow a generic key into the object
    get: (channel) => adapters[channel] as unknown as ChannelAdapter<typeof channel>,
  };
}
