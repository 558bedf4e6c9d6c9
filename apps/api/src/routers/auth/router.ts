import type { TRPCRouterRecord } from "@trpc/server";
import { acceptInvitation } from "./accept-invitation";
import { changePassword } from "./change-password";
import { forgotPassword } from "./forgot-password";
import { invitation } from "./invitation";
import { sessions } from "./list-sessions";
import { login } from "./login";
import { logout } from "./logout";
import { me } from "./me";
import { refresh } from "./refresh";
import { register } from "./register";
import { resetPassword } from "./reset-password";
import { resetToken } from "./reset-token";
import { session } from "./session";
import { signOutOtherSessions } from "./sign-out-other-sessions";
import { updateProfile } from "./update-profile";

export const authRouter = {
  register,
  login,
  logout,
  refresh,
  me,
  session,
  forgotPassword,
  resetPassword,
  resetToken,
  invitation,
  acceptInvitation,
  changePassword,
  signOutOtherSessions,
  sessions,
  updateProfile,
} satisfies TRPCRouterRecord;
