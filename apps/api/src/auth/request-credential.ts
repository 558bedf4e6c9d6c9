import { readSessionCookie } from "./cookies";

/** The credential a request carries: the `Authorization: Bearer` token, else the session cookie's. */
export function requestCredential(headers: Headers): { token: string; via: "bearer" | "cookie" } | undefined {
  const bearer = headers
    .get("authorization")
    ?.match(/^Bearer\s+(.+)$/i)?.[1]
    ?.trim();
  // a Bearer header wins even when blank: the cookie is not read behind it
  if (bearer !== undefined) return bearer ? { token: bearer, via: "bearer" } : undefined;
  const cookie = readSessionCookie(headers.get("cookie"));
  return cookie ? { token: cookie, via: "cookie" } : undefined;
}
