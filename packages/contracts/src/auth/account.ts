import { z } from "zod";
import { strictInput, timestamp } from "../shared/common";
import { password } from "./session";

export const changePasswordInput = strictInput({
  currentPassword: z.string().max(256).describe("The password the user signs in with now"),
  newPassword: password,
});

export const endedSessions = z.object({
  endedSessions: z.number().int().min(0).describe("How many of the user's other sessions were signed out"),
});

export const ownSession = z.object({
  current: z.boolean().describe("Whether this is the session making the request"),
  createdAt: timestamp.describe("When the user signed in"),
  lastUsedAt: timestamp.describe(
    "When the session was last renewed (at sign-in, then about every 15 days of use): not each request",
  ),
  expiresAt: timestamp,
  userAgent: z.string().nullable().describe("The browser or client that signed in, as it named itself"),
});
export const ownSessions = z.object({
  items: z.array(ownSession),
  nextCursor: z.null().describe("Always null: the newest 100 sessions come in one page"),
});

export const updateProfileInput = strictInput({
  name: z.string().min(1).max(200).describe("Your name, as your team sees it"),
});
