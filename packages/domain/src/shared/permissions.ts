import { DomainError } from "./errors";

export const roles = ["owner", "admin", "agent", "viewer"] as const;
export type Role = (typeof roles)[number];

const everyone: readonly Role[] = ["owner", "admin", "agent", "viewer"];
const workers: readonly Role[] = ["owner", "admin", "agent"];
const managers: readonly Role[] = ["owner", "admin"];
const owners: readonly Role[] = ["owner"];

/**
 * The spec's permission matrix, extended with the permissions the spec's endpoints imply
 * (reading the team and the organization, managing API keys, payments, users' roles).
 */
export const permissionMatrix = {
  "contacts:read": everyone,
  "contacts:write": workers,
  "contacts:delete": managers,
  "conversations:read": everyone,
  "conversations:write": workers,
  "conversations:assign": managers,
  "deals:read": everyone,
  "deals:write": workers,
  "deals:delete": managers,
  "payments:read": everyone,
  "payments:write": workers,
  "integrations:read": managers,
  "integrations:write": managers,
  "users:read": everyone,
  "users:invite": managers,
  "users:update": managers,
  "users:remove": owners,
  "organizations:read": everyone,
  "organizations:write": managers,
  "apikeys:manage": managers,
  "webhooks:read": managers,
  "webhooks:write": managers,
  "billing:manage": owners,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionMatrix;

export const permissions = Object.keys(permissionMatrix) as Permission[];

export const can = (role: Role, permission: Permission): boolean =>
  (permissionMatrix[permission] as readonly Role[]).includes(role);

/** The 403 of a role without the permission a call needs. */
export const roleCannot = (role: Role, permission: Permission) =>
  new DomainError("FORBIDDEN", `Your role (${role}) cannot do this (${permission})`);

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** Owners may grant any role; admins may not create or demote owners. */
export const canGrantRole = (actor: Role, target: Role): boolean =>
  actor === "owner" || (actor === "admin" && target !== "owner");
