/** What the auth tests share: response shapes and sign-up bodies. */
export type ErrorBody = {
  message: string;
  code: string;
  data?: { appCode: string; fieldErrors: Record<string, string[]> | null };
};
export type SignedInBody = {
  token: string;
  user: { id: string; email: string; role: string };
  organization: { id: string; name: string };
};

export const newEmail = () => `user-${Math.random().toString(36).slice(2, 10)}@example.com`;
export const registerBody = (email = newEmail()) => ({
  organizationName: "Padaria Pão Quente",
  name: "Maria Silva",
  email,
  password: "correct horse battery",
});
