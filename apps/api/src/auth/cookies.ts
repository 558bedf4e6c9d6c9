import { parse, serialize } from "hono/utils/cookie";

export const sessionCookieName = "crm_session";

export const serializeSessionCookie = (token: string, expiresAt: Date, secure: boolean): string =>
  serialize(sessionCookieName, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    expires: expiresAt,
    secure,
  });

export const serializeClearedSessionCookie = (secure: boolean): string =>
  serialize(sessionCookieName, "", { path: "/", httpOnly: true, sameSite: "Lax", maxAge: 0, secure });

export const readSessionCookie = (header: string | null | undefined): string | undefined =>
  header ? parse(header, sessionCookieName)[sessionCookieName] : undefined;
