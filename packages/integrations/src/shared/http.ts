/** What every adapter's HTTP call returns: the provider answered (any status), or it could not be reached. */
export type HttpOutcome<T = unknown> =
  | { reached: true; status: number; body: T; headers: Headers }
  | { reached: false; error: string };

export interface HttpClient {
  fetch: typeof fetch;
  timeoutMs: number;
}

export const defaultHttpClient = (): HttpClient => ({ fetch: globalThis.fetch, timeoutMs: 15_000 });

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

/** Downloads bytes; never throws. */
export async function requestBytes(
  http: HttpClient,
  url: string,
  init: RequestInit = {},
): Promise<HttpOutcome<Uint8Array>> {
  try {
    const response = await http.fetch(url, { ...init, signal: AbortSignal.timeout(http.timeoutMs) });
    const body = new Uint8Array(await response.arrayBuffer());
    return { reached: true, status: response.status, body, headers: response.headers };
  } catch (error) {
    return { reached: false, error: `Provider unreachable: ${describe(error)}` };
  }
}

/** Worth trying again later: the provider throttled us or failed on its side. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status >= 500;

export const jsonHeaders = (authorization: string): Record<string, string> => ({
  authorization,
  "content-type": "application/json",
});

export type Failure = { ok: false; error: string; retryable: boolean };

export const unreachable = (outcome: { error: string }): Failure => ({
  ok: false,
  error: outcome.error,
  retryable: true,
});

/** The media result shape of the port. */
export type MediaResult = { ok: true; bytes: Uint8Array; mimeType: string } | Failure;
