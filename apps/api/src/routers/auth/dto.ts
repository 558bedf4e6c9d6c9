import type { ApiKey, Invitation, Organization, SignedIn, User } from "@crm/domain";

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const toOrganizationDto = (o: Organization) => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  dataRetentionDays: o.dataRetentionDays,
  defaultCurrency: o.defaultCurrency,
  timezone: o.timezone,
  locale: o.locale,
  createdAt: iso(o.createdAt),
});

export const toUserDto = (u: User) => ({
  id: u.id,
  organizationId: u.organizationId,
  email: u.email,
  name: u.name,
  role: u.role,
  lastLoginAt: isoOrNull(u.lastLoginAt),
  createdAt: iso(u.createdAt),
});

export const toSignedInDto = (s: SignedIn) => ({
  token: s.token,
  expiresAt: iso(s.expiresAt),
  user: toUserDto(s.user),
  organization: toOrganizationDto(s.organization),
});

export const toInvitationDto = (i: Invitation) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  invitedBy: i.invitedBy,
  expiresAt: iso(i.expiresAt),
  acceptedAt: isoOrNull(i.acceptedAt),
  revokedAt: isoOrNull(i.revokedAt),
  createdAt: iso(i.createdAt),
});

export const toApiKeyDto = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  createdAt: iso(k.createdAt),
  lastUsedAt: isoOrNull(k.lastUsedAt),
  revokedAt: isoOrNull(k.revokedAt),
});
