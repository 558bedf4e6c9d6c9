/**
 * Stored media are served by the API (`/api/v1/messages/{id}/media`, behind the session cookie): relative URLs
 * point at its origin.
 */
export function mediaHref(url: string, apiBaseUrl: string): string {
  return url.startsWith("/") ? `${apiBaseUrl}${url}` : url;
}
