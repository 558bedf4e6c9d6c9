import { parseEmail } from "../shared/email";
import { DomainError } from "../shared/errors";
import type { Organization, User } from "./model";
import { assertPasswordStrength, slugify } from "./policy";
import type { AuthDeps, OrganizationRepository } from "./ports";
import { type ClientInfo, issueSession } from "./sessions";

export interface RegisterInput {
  organizationName: string;
  name: string;
  email: string;
  password: string;
  locale?: string | undefined;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: User;
  organization: Organization;
}

/** Creates an organization with its first owner and signs the owner in. */
export async function register(
  deps: AuthDeps,
  input: RegisterInput,
  client: ClientInfo = {},
): Promise<SignedIn> {
  const email = parseEmail(input.email);
  const name = requireText(input.name, "name");
  const organizationName = requireText(input.organizationName, "organizationName");
  assertPasswordStrength(input.password);
  const passwordHash = await deps.passwords.hash(input.password);

  return deps.store.transaction(async (repos) => {
    const existing = await repos.users.findByEmailWithPassword(email);
    if (existing) throw emailTaken();
    const slug = await uniqueSlug(repos.organizations, slugify(organizationName));
    const organization = await repos.organizations.create({
      name: organizationName,
      slug,
      locale: input.locale,
    });
    await repos.onboarding.seedOrganization(organization.id, organization.locale);
    const created = await repos.users.create(organization.id, { email, name, role: "owner", passwordHash });
    const now = deps.clock.now();
    await repos.users.recordLogin(created.id, now);
    const user = { ...created, lastLoginAt: now };
    const { token, session } = await issueSession(
      deps,
      repos,
      { userId: user.id, organizationId: organization.id },
      client,
    );
    return { token, expiresAt: session.expiresAt, user, organization };
  });
}

export const emailTaken = () =>
  new DomainError("CONFLICT", "An account with this email already exists", {
    fieldErrors: { email: ["An account with this email already exists"] },
  });

export function requireText(value: string, field: string, max = 200): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    const message =
      trimmed.length === 0 ? `${field} is required` : `${field} must have at most ${max} characters`;
    throw new DomainError("VALIDATION_FAILED", message, { fieldErrors: { [field]: [message] } });
  }
  return trimmed;
}

async function uniqueSlug(organizations: OrganizationRepository, base: string): Promise<string> {
  if (!(await organizations.isSlugTaken(base))) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base.slice(0, 44)}-${n}`;
    if (!(await organizations.isSlugTaken(candidate))) return candidate;
  }
  return `${base.slice(0, 36)}-${Date.now().toString(36)}`;
}
