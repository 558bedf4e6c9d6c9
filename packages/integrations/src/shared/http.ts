/**
 * What every adapter's HTTP call returns: the provider answered (any status), or it could not be reached, or
 * (`refused`) we would not ask or read it: a host outside the provider's, a file over the size cap.
 */
export type HttpOutcome<T = unknown> =
  | { reached: true; status: number; body: T; headers: Headers }
  | { reached: false; error: string; refused?: true };

export interface HttpClient {
  fetch: typeof fetch;
  timeoutMs: number;
  /** The largest media file downloaded, in bytes (MEDIA_MAX_BYTES). */
  mediaMaxBytes: number;
}

/** 25 MiB: above Telegram's 20 MB bot download limit, Discord's 10 MB free upload and WhatsApp's 16 MB video. */
export const defaultMediaMaxBytes = 25 * 1024 * 1024;

export const defaultHttpClient = (): HttpClient => ({
  fetch: globalThis.fetch,
  timeoutMs: 15_000,
  mediaMaxBytes: defaultMediaMaxBytes,
});

const describe = (error: unknown): string => {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
};

/** A JSON call; a body that is not JSON reads as undefined. Never throws. */
export async function requestJson(
  http: HttpClient,
  url: string,
  init: RequestInit = {},
): Promise<HttpOutcome> {
  try {
    const response = await http.fetch(url, { ...init, signal: AbortSignal.timeout(http.timeoutMs) });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { reached: true, status: response.status, body, headers: response.headers };
  } catch (error) {
    return { reached: false, error: `Provider unreachable: ${describe(error)}` };
  }
}

export interface MediaRequest {
  /** Names the provider in errors: "Discord". */
  provider: string;
  /**
   * Whether media may come from this URL: checked on the first URL and on every redirect. Built from the
   * configuration (the provider's own hosts, the configured API base), never from a payload.
   */
  allowed: (url: URL) => boolean;
  headers?: Record<string, string>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 3;

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${oneDecimal(bytes / 1024 / 1024)} MiB`
    : bytes >= 1024
      ? `${oneDecimal(bytes / 1024)} KiB`
      : `${bytes} bytes`;

/**
 * Downloads a media file; never throws. Redirects are followed by hand, only to allowed URLs, without the
 * credentials when the origin changes. No more than `http.mediaMaxBytes` is ever held: a larger declared
 * Content-Length is refused unread, and a body that grows past the cap is aborted.
 */
export async function requestBytes(
  http: HttpClient,
  url: string,
  request: MediaRequest,
): Promise<HttpOutcome<Uint8Array>> {
  const refused = (error: string) => ({
    reached: false as const,
    error: `${request.provider}: ${error}`,
    refused: true as const,
  });
  let target = URL.canParse(url) ? new URL(url) : undefined;
  let headers = request.headers ?? {};
  const signal = AbortSignal.timeout(http.timeoutMs);
  const tooLarge = refused(`the file is too large (over the ${sizeText(http.mediaMaxBytes)} limit)`);
  try {
    for (let redirects = 0; ; redirects++) {
      if (!target) return refused("invalid media URL");
      if (!isWeb(target) || !request.allowed(target)) {
        return refused(`media from ${target.host || target.protocol} is not allowed`);
      }
      const response = await http.fetch(target.href, { headers, redirect: "manual", signal });
      const location = response.headers.get("location");
      if (redirectStatuses.has(response.status) && location !== null) {
        await response.body?.cancel();
        if (redirects >= maxRedirects) return refused("too many redirects");
        const next = URL.canParse(location, target.href) ? new URL(location, target) : undefined;
        // the provider's credentials stay with the origin they were given for
        if (next?.origin !== target.origin) headers = {};
        target = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { reached: true, status: response.status, body: new Uint8Array(), headers: response.headers };
      }
      const body = await readCapped(response, http.mediaMaxBytes);
      if (!body) return tooLarge;
      return { reached: true, status: response.status, body, headers: response.headers };
    }
  } catch (error) {
    return { reached: false, error: `Provider unreachable: ${describe(error)}` };
  }
}

const isWeb = (url: URL) => url.protocol === "https:" || url.protocol === "http:";

/** The body, or undefined when it is (or says it is) larger than `maxBytes`; never holds more than that. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Worth trying again later: the provider throttled us or failed on its side. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status >= 500;

export const jsonHeaders = (authorization: string): Record<string, string> => ({
  authorization,
  "content-type": "application/json",
});

export type Failure = { ok: false; error: string; retryable: boolean };

/** A provider that could not be reached is tried again; a download we refused is not. */
export const unreachable = (outcome: { error: string; refused?: true }): Failure => ({
  ok: false,
  error: outcome.error,
  retryable: outcome.refused !== true,
});

/** The media result shape of the port. */
export type MediaResult = { ok: true; bytes: Uint8Array; mimeType: string } | Failure;
