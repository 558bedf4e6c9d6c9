import type { Role } from "../shared/permissions";

export interface Organization {
  id: string;
  name: string;
  slug: string;
  dataRetentionDays: number;
  defaultCurrency: string;
  timezone: string;
  locale: string;
  createdAt: Date;
}

export interface User {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface UserWithPassword extends User {
  passwordHash: string | null;
}

export interface Session {
  id: string;
  userId: string;
  organizationId: string;
  expiresAt: Date;
}

export interface ApiKey {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface Invitation {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface PasswordResetToken {
  id: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Who is calling: a signed-in user or an integrator's API key, always inside one organization. */
export type Actor =
  | { kind: "user"; userId: string; organizationId: string; role: Role; sessionId: string }
  | { kind: "apiKey"; apiKeyId: string; organizationId: string; role: Role };
