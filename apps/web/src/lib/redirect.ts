const base = "http://app.invalid";
const loginPath = "/login";

/**
 * Only paths inside this app are followed after login; anything else (other hosts, `//evil`, `javascript:`)
 * is dropped. The value is read the way the browser will read it, since it ignores tabs and newlines and
 * takes `\` for `/`: `/\t/evil` is `//evil` to `history.pushState`.
 */
export function safeRedirect(value: unknown): string | undefined {
  // a redirect to the login page means its own redirect: following it would only ask to log in again
  for (let depth = 0; depth < 10; depth += 1) {
    if (typeof value !== "string" || !value.startsWith("/")) return undefined;
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      return undefined;
    }
    if (url.origin !== base) return undefined;
    if (url.pathname !== loginPath) return `${url.pathname}${url.search}${url.hash}`;
    value = url.searchParams.get("redirect") ?? undefined;
  }
  return undefined;
}

/**
 * `validateSearch` of a page that takes `?redirect=`. The key is always returned: the router lays what this
 * returns over the raw search, so leaving an unsafe value out would let the raw one through.
 */
export const validateRedirectSearch = (search: Record<string, unknown>): { redirect?: string } => ({
  redirect: safeRedirect(search.redirect),
});
