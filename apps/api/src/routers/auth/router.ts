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

export const authRouter = {
  register,
  login,
  logout,
  refresh,
  me,
  forgotPassword,
  resetPassword,
  acceptInvitation,
} satisfies TRPCRouterRecord;
  invitation,
