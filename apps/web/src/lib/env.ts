/** Where the API lives: VITE_API_URL in production, the page's own origin in embedded mode and dev (proxied). */
export function resolveApiBaseUrl(configured: string | undefined): string {
  return (configured ?? "").trim().replace(/\/+$/, "");
}

export const apiBaseUrl = resolveApiBaseUrl(import.meta.env.VITE_API_URL);
