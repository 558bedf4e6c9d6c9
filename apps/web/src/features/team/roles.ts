import { canGrantRole, type Role, roles } from "@crm/domain/shared/permissions";
import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey } from "../../i18n/translate";

export const roleLabels: Record<Role, PlainMessageKey> = {
  owner: "roles.owner",
  admin: "roles.admin",
  agent: "roles.agent",
  viewer: "roles.viewer",
};

/** What a member of each role may do, said before their role changes. */
export const roleAbilities: Record<Role, PlainMessageKey> = {
  owner: "roles.abilities.owner",
  admin: "roles.abilities.admin",
  agent: "roles.abilities.agent",
  viewer: "roles.abilities.viewer",
};

export const roleTones: Record<Role, BadgeTone> = {
  owner: "accent",
  admin: "accent",
  agent: "neutral",
  viewer: "neutral",
};

/** The roles this user may hand out (admins cannot create owners), most powerful first. */
export const grantableRoles = (actor: Role): Role[] => roles.filter((role) => canGrantRole(actor, role));
