import { z } from "zod";
import { role, strictInput, timestamp } from "../shared/common";
import { organization } from "./organization";
import { user } from "./user";

export const password = z.string().max(256).describe("At least 10 characters");

export const registerInput = strictInput({
  organizationName: z.string().max(200).describe("Your company's name"),
  name: z.string().max(200).describe("Your name"),
  email: z.string().max(320),
  password,
  locale: z.enum(["pt-BR", "en"]).optional().describe("Language of the new organization (default pt-BR)"),
});

export const loginInput = strictInput({ email: z.string().max(320), password: z.string().max(256) });

export const signedIn = z.object({
  token: z
    .string()
    .describe("Session token: send as Authorization: Bearer <token>. Also set as an httpOnly cookie."),
  expiresAt: timestamp,
  user,
  organization,
});

export const me = z.object({ user, organization });
export const refreshed = z.object({ token: z.string(), expiresAt: timestamp });
export const forgotPasswordInput = strictInput({ email: z.string().max(320) });
export const resetPasswordInput = strictInput({
  token: z.string().min(1).max(200).describe("The token from the reset link"),
  password,
});
export const resetTokenCheckInput = z.object({
  token: z.string().min(1).max(200).describe("The token from the reset link"),
});
export const resetTokenCheck = z.object({
  valid: z
    .boolean()
    .describe("Whether the reset link can still set a password: false for an unknown, used or expired link"),
});
export const acceptInvitationInput = strictInput({
  token: z.string().min(1).max(200).describe("The token from the invitation link"),
  name: z.string().max(200),
  password,
});

export const invitationPreviewInput = z.object({
  token: z.string().min(1).max(200).describe("The token from the invitation link"),
});
export const invitationPreview = z.object({
  valid: z
    .boolean()
    .describe(
      "Whether the invitation can still be accepted: false for an unknown, used, revoked or expired link",
    ),
  organizationName: z.string().nullable().describe("The organization it invites to; null when not valid"),
  role: role.nullable().describe("The role the invitee gets; null when not valid"),
  email: z.string().nullable().describe("The invited address; null when not valid"),
  inviterName: z
    .string()
    .nullable()
    .describe("Who sent it; null when not valid, sent with an API key or by someone no longer a member"),
});
