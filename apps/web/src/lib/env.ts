/** Where the API lives: VITE_API_URL in production, the page's own origin in embedded mode and dev (proxied). */
export function resolveApiBaseUrl(configured: string | undefined): string {
  return (configured ?? "").trim().replace(/\/+$/, "");
}

export const apiBaseUrl = resolveApiBaseUrl(import.meta.env.VITE_API_URL);

/** The realtime socket's URL: the API's origin (or the page's, when the API is same-origin) over ws(s). */
export function realtimeUrl(baseUrl: string, pageOrigin: string): string {
  return `${(baseUrl || pageOrigin).replace(/^http/, "ws")}/trpc-ws`;
}
