/**
 * What every adapter's HTTP call returns: the provider answered (any status), or no answer came, or
 * (`refused`) we would not ask or read it: a host outside the provider's, a file over the size cap. Without an
 * answer, `mayHaveArrived` tells whether the request may still have reached the provider (a timeout, a
 * connection lost after it was written) or cannot have (no connection was made).
 */
export type HttpOutcome<T = unknown> =
  | { reached: true; status: number; body: T; headers: Headers }
  | { reached: false; error: string; mayHaveArrived: boolean; refused?: true };

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

/** Failures of fetch before any connection carried the request: it cannot have reached the provider. */
const notConnectedCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
]);
// the certificate is checked during the TLS handshake, before a byte of the request is written
const certificateCode = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** Whether this error of a request (fetch's cause, or node:http's own error) came before it was written. */
export const failedBeforeConnecting = (cause: unknown): boolean => {
  if (cause instanceof AggregateError) {
    // every address tried (IPv4 and IPv6) refused
    return cause.errors.length > 0 && cause.errors.every(failedBeforeConnecting);
  }
  if (!(cause instanceof Error)) return false;
  const code = (cause as Error & { code?: unknown }).code;
  if (typeof code === "string") return notConnectedCodes.has(code) || certificateCode.test(code);
  // fetch blocks some ports (the Fetch standard's "bad port") without connecting
  return cause.message === "bad port";
};

/**
 * Whether a request whose fetch threw may have reached the provider. Only a failure known to come before the
 * connection says no; a timeout, a reset or anything unrecognized may have come after the body was sent.
 */
const mayHaveArrived = (error: unknown): boolean =>
  !(error instanceof Error && failedBeforeConnecting((error as Error & { cause?: unknown }).cause));

const noAnswer = (error: unknown) => {
  const arrived = mayHaveArrived(error);
  return {
    reached: false as const,
    error: `${arrived ? "No answer from the provider" : "Provider unreachable"}: ${describe(error)}`,
    mayHaveArrived: arrived,
  };
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
    return noAnswer(error);
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
    mayHaveArrived: false,
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
    return noAnswer(error);
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

export type Failure = { ok: false; error: string; retryable: boolean; outcomeUnknown?: true };

/**
 * A lookup or download that got no answer is tried again (asking twice changes nothing); a download we refused
 * is not. A send uses `unanswered`.
 */
export const unreachable = (outcome: { error: string; refused?: true }): Failure => ({
  ok: false,
  error: outcome.error,
  retryable: outcome.refused !== true,
});

/**
 * A send the provider may have taken: tried again only when the provider drops a repeat of it (`dedupes`,
 * Discord's nonce), else the customer could get it twice.
 */
const unconfirmed = (error: string, dedupes: boolean): Failure => ({
  ok: false,
  error,
  retryable: dedupes,
  outcomeUnknown: true,
});

/** A send that got no answer: tried again when it cannot have left (no connection was made). */
export const unanswered = (outcome: { error: string; mayHaveArrived: boolean }, dedupes = false): Failure =>
  outcome.mayHaveArrived
    ? unconfirmed(outcome.error, dedupes)
    : { ok: false, error: outcome.error, retryable: true };

/**
 * A send's answer that is not a success, as the adapter's `failure` reads it. Without a body of the provider's
 * own, an answer that is not a refusal (4xx) came from something in front of the provider (a proxy's 502 or
 * 504) or was cut short: the provider may have taken the message.
 */
export const sendFailure = (
  answer: { status: number; body: unknown },
  failure: Failure,
  dedupes = false,
): Failure =>
  answer.body === undefined && (answer.status < 400 || answer.status >= 500)
    ? unconfirmed(failure.error, dedupes)
    : failure;

/** The media result shape of the port. */
export type MediaResult = { ok: true; bytes: Uint8Array; mimeType: string } | Failure;
