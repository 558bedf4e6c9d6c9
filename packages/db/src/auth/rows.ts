import type { ApiKey, Invitation, Organization, Role, User } from "@crm/domain";
import type { Selectable } from "kysely";
import type { ApiKeys, Invitations, Organizations, Users } from "../database.gen";

export const toOrganization = (row: Selectable<Organizations>): Organization => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  dataRetentionDays: row.data_retention_days,
  defaultCurrency: row.default_currency,
  timezone: row.timezone,
  locale: row.locale,
  createdAt: row.created_at,
});

export const userColumns = [
  "id",
  "organization_id",
  "email",
  "name",
  "role",
  "last_login_at",
  "created_at",
] as const;

export const toUser = (row: Pick<Selectable<Users>, (typeof userColumns)[number]>): User => ({
  id: row.id,
  organizationId: row.organization_id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  lastLoginAt: row.last_login_at,
  createdAt: row.created_at,
});

export const apiKeyColumns = [
  "id",
  "organization_id",
  "name",
  "prefix",
  "role",
  "created_at",
  "last_used_at",
  "revoked_at",
] as const;

export const toApiKey = (row: Pick<Selectable<ApiKeys>, (typeof apiKeyColumns)[number]>): ApiKey => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  prefix: row.prefix,
  role: row.role as Role,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export const invitationColumns = [
  "id",
  "organization_id",
  "email",
  "role",
  "invited_by",
  "expires_at",
  "accepted_at",
  "revoked_at",
  "created_at",
] as const;

export const toInvitation = (
  row: Pick<Selectable<Invitations>, (typeof invitationColumns)[number]>,
): Invitation => ({
  id: row.id,
  organizationId: row.organization_id,
  email: row.email,
  role: row.role as Role,
  invitedBy: row.invited_by,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
  revokedAt: row.revoked_at,
  createdAt: row.created_at,
});
