import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Channel, ChannelAdapter, ChannelConfigs } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createChannelAdapters, defaultChannelApiBases } from "../adapters";
import { type FakeProvider, startFakeServer } from "../testing";

/*
 * Media downloads against local HTTP servers: which hosts an adapter asks, what it does with a redirect, and
 * how much of a body it is willing to hold.
 */

const listen = async (server: Server) => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** An address inside the network that must never be asked: it counts every request it gets. */
let internal: { origin: string; hits: string[]; server: Server };
/** Plays every provider's API and file host; files under /redirect-out/ answer 302 to `internal`. */
let provider: FakeProvider;

const token = "123:secret-token";
const configs: ChannelConfigs = {
  whatsapp: { phoneNumberId: "1", accessToken: "EAAG-token", appSecret: "s", verifyToken: "v" },
  telegram: { botToken: token, secretToken: "s" },
  slack: { botToken: "xoxb-token", signingSecret: "s" },
  discord: { applicationId: "1", publicKey: "00", botToken: "bot-token" },
};

beforeAll(async () => {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? "");
    response.end("internal secret");
  });
  internal = { origin: await listen(server), hits, server };
  provider = await startFakeServer({
    failure: () => ({ status: 500 }),
    notFound: () => ({ status: 404, json: { ok: false } }),
    route(request) {
      const file = request.path.match(/\/(file-ok|redirect-out|redirect-in)$/)?.[1];
      // WhatsApp's media lookup (GET /v21.0/<id>) names the file's URL; Telegram's getFile its path
      const lookup = request.path.match(/^\/v21\.0\/([\w-]+)$/)?.[1];
      if (lookup)
        return { json: { url: lookup === "internal" ? `${internal.origin}/x` : `${origin()}/wa/${lookup}` } };
      if (request.path.endsWith("/getFile")) {
        return {
          json: {
            ok: true,
            result: { file_path: `photos/${String((request.json as { file_id?: string })?.file_id)}` },
          },
        };
      }
      if (file === "file-ok") return { bytes: new Uint8Array([7, 7, 7]), contentType: "image/png" };
      if (file === "redirect-out") return { status: 302, headers: { location: `${internal.origin}/stolen` } };
      if (file === "redirect-in") return { status: 302, headers: { location: "./file-ok" } };
      return undefined;
    },
  });
});

afterAll(async () => {
  await provider?.close();
  internal?.server.close();
});

const origin = () => provider.origin;

function adapters(mediaMaxBytes?: number) {
  const bases = {
    whatsapp: `${origin()}/v21.0`,
    telegram: origin(),
    slack: `${origin()}/api`,
    discord: `${origin()}/api/v10`,
  };
  return createChannelAdapters(bases, mediaMaxBytes === undefined ? {} : { mediaMaxBytes });
}

type Download = (
  name: "file-ok" | "redirect-out" | "redirect-in",
) => ReturnType<ChannelAdapter["downloadMedia"]>;

/** The same file, asked the way each provider's adapter asks for it. */
function downloaders(mediaMaxBytes?: number): Record<Channel, Download> {
  const all = adapters(mediaMaxBytes);
  return {
    whatsapp: (name) => all.get("whatsapp").downloadMedia(configs.whatsapp, { providerMediaId: name }),
    telegram: (name) => all.get("telegram").downloadMedia(configs.telegram, { providerMediaId: name }),
    slack: (name) =>
      all.get("slack").downloadMedia(configs.slack, { providerMediaId: `${origin()}/files/${name}` }),
    discord: (name) =>
      all
        .get("discord")
        .downloadMedia(configs.discord, { providerMediaId: `${origin()}/attachments/${name}` }),
  };
}

// the WhatsApp lookup answers /wa/<id>; Telegram's file path is photos/<id>: both end in the name
describe.each(["whatsapp", "telegram", "slack", "discord"] as const)("%s media download", (channel) => {
  it("downloads a file from the provider's own host, through a redirect that stays there", async () => {
    const download = downloaders()[channel];
    expect(await download("file-ok")).toEqual({
      ok: true,
      bytes: new Uint8Array([7, 7, 7]),
      mimeType: "image/png",
    });
    expect(await download("redirect-in")).toMatchObject({ ok: true, bytes: new Uint8Array([7, 7, 7]) });
  });

  it("does not follow a redirect to another host, and fails the download for good", async () => {
    const before = internal.hits.length;
    const result = await downloaders()[channel]("redirect-out");
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/media from 127\.0\.0\.1:\d+ is not allowed/),
      retryable: false,
    });
    expect(internal.hits.length).toBe(before);
  });
});

describe("media hosts", () => {
  it("never asks an address a Discord attachment names outside Discord's CDN", async () => {
    const discord = adapters().get("discord");
    const before = internal.hits.length;
    for (const url of [
      `${internal.origin}/secret.txt`,
      "http://cdn.discordapp.com/a.png",
      "file:///etc/passwd",
    ]) {
      expect(
        await discord.downloadMedia(configs.discord, { providerMediaId: url, mimeType: "image/png" }),
      ).toEqual({
        ok: false,
        error: expect.stringMatching(/^Discord: media from .* is not allowed$/),
        retryable: false,
      });
    }
    expect(internal.hits.length).toBe(before);
  });

  it("never sends the WhatsApp token to a media URL outside Meta's hosts", async () => {
    const before = internal.hits.length;
    const result = await adapters()
      .get("whatsapp")
      .downloadMedia(configs.whatsapp, { providerMediaId: "internal" });
    expect(result).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/^WhatsApp: /),
    });
    expect(internal.hits.length).toBe(before);
  });

  it("never asks a Slack file URL outside Slack's hosts", async () => {
    const before = internal.hits.length;
    const result = await adapters()
      .get("slack")
      .downloadMedia(configs.slack, { providerMediaId: `${internal.origin}/files/x` });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(internal.hits.length).toBe(before);
  });
});

const drainedOrClosed = (response: ServerResponse) =>
  new Promise<void>((resume) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resume();
    };
    response.on("drain", done);
    response.on("close", done);
  });

/** Serves `total` bytes in 64 KiB chunks as fast as the client reads them, counting what it managed to send. */
async function startLargeFile(total: number, declareLength: boolean) {
  const stats = { sent: 0, closed: false };
  const chunk = new Uint8Array(64 * 1024);
  const server = createServer(async (_request, response) => {
    response.writeHead(200, {
      "content-type": "video/mp4",
      ...(declareLength && { "content-length": String(total) }),
    });
    response.on("close", () => {
      stats.closed = true;
    });
    while (stats.sent < total && !stats.closed) {
      stats.sent += chunk.byteLength;
      if (!response.write(chunk)) await drainedOrClosed(response);
    }
    response.end();
  });
  const url = await listen(server);
  return { url, stats, close: () => server.close() };
}

describe("media size cap", () => {
  const cap = 1024 * 1024;
  const total = 64 * 1024 * 1024;

  it.each([
    ["declares its size in Content-Length", true],
    ["streams without a Content-Length", false],
  ])("refuses a file over the cap that %s, without reading it all", async (_case, declareLength) => {
    const file = await startLargeFile(total, declareLength);
    try {
      const discord = createChannelAdapters(
        { ...defaultChannelApiBases, discord: file.url },
        { mediaMaxBytes: cap },
      ).get("discord");
      // the attachment claims 3 bytes: only what is really served counts
      const result = await discord.downloadMedia(configs.discord, {
        providerMediaId: `${file.url}/attachments/big.mp4`,
        sizeBytes: 3,
      });
      // a summary, not the bytes: a diff of megabytes of them would not fit in the test's memory
      expect(result.ok ? { ok: true, size: result.bytes.byteLength } : result).toEqual({
        ok: false,
        error: "Discord: the file is too large (over the 1 MiB limit)",
        retryable: false,
      });
      await vi.waitFor(() => expect(file.stats.closed).toBe(true), { timeout: 5000 });
      expect(file.stats.sent).toBeLessThan(total);
    } finally {
      file.close();
    }
  });

  it("accepts a file of exactly the cap", async () => {
    const file = await startLargeFile(cap, false);
    try {
      const discord = createChannelAdapters(
        { ...defaultChannelApiBases, discord: file.url },
        { mediaMaxBytes: cap },
      ).get("discord");
      const result = await discord.downloadMedia(configs.discord, { providerMediaId: `${file.url}/a.mp4` });
      expect(result.ok && result.bytes.byteLength).toBe(cap);
    } finally {
      file.close();
    }
  });
});
