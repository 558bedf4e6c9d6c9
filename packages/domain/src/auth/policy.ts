import { DomainError } from "../shared/errors";

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;
/** A session used in its second half is pushed forward, so active users are never logged out. */
export const sessionRenewThresholdMs = sessionLifetimeMs / 2;
export const resetTokenLifetimeMs = 60 * 60 * 1000;
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export const passwordMinLength = 10;
export const passwordMaxLength = 256;

export function assertPasswordStrength(password: string, field = "password"): void {
  const problems: string[] = [];
  if (password.length < passwordMinLength)
    problems.push(`must have at least ${passwordMinLength} characters`);
  if (password.length > passwordMaxLength) problems.push(`must have at most ${passwordMaxLength} characters`);
  if (password.trim().length === 0) problems.push("must not be blank");
  if (problems.length > 0) {
    throw new DomainError("VALIDATION_FAILED", `Password ${problems.join(" and ")}`, {
      fieldErrors: { [field]: problems.map((p) => `Password ${p}`) },
    });
  }
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return slug.length > 0 ? slug : "org";
}

export const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
