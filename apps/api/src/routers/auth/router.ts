import type { TRPCRouterRecord } from "@trpc/server";
import { acceptInvitation } from "./accept-invitation";
import { forgotPassword } from "./forgot-password";
import { invitation } from "./invitation";
import { login } from "./login";
import { logout } from "./logout";
import { me } from "./me";
import { refresh } from "./refresh";
import { register } from "./register";
import { resetPassword } from "./reset-password";
import { session } from "./session";

export const authRouter = {
  register,
  login,
  logout,
  refresh,
  me,
  session,
  forgotPassword,
  resetPassword,
  invitation,
  acceptInvitation,
} satisfies TRPCRouterRecord;
