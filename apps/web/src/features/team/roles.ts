import { canGrantRole, type Role, roles } from "@crm/domain/shared/permissions";
import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey } from "../../i18n/translate";

export const roleLabels: Record<Role, PlainMessageKey> = {
  owner: "roles.owner",
  admin: "roles.admin",
  agent: "roles.agent",
  viewer: "roles.viewer",
};

export const roleTones: Record<Role, BadgeTone> = {
  owner: "accent",
  admin: "accent",
  agent: "neutral",
  viewer: "neutral",
};

/** The roles this user may hand out (admins cannot create owners), most powerful first. */
export const grantableRoles = (actor: Role): Role[] => roles.filter((role) => canGrantRole(actor, role));
