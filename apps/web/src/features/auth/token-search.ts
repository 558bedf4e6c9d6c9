/** Links from emails carry a single-use token in `?token=`. */
export const validateTokenSearch = (search: Record<string, unknown>): { token?: string } =>
  typeof search.token === "string" && search.token.length > 0 ? { token: search.token } : {};
