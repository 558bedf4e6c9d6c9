import { describe, expect, it } from "vitest";
import { can, canGrantRole, permissionMatrix, permissions, roles } from "./permissions";

describe("permission matrix", () => {
  it("keeps the spec's rows", () => {
    expect(permissionMatrix["contacts:delete"]).toEqual(["owner", "admin"]);
    expect(permissionMatrix["conversations:assign"]).toEqual(["owner", "admin"]);
    expect(permissionMatrix["users:remove"]).toEqual(["owner"]);
    expect(permissionMatrix["billing:manage"]).toEqual(["owner"]);
    expect(permissionMatrix["deals:write"]).toEqual(["owner", "admin", "agent"]);
  });

  it("gives the owner every permission and the viewer only reads", () => {
    for (const permission of permissions) {
      expect(can("owner", permission)).toBe(true);
      if (can("viewer", permission)) expect(permission).toMatch(/:read$/);
    }
  });

  it("never gives a lower role what a higher one lacks", () => {
    for (const permission of permissions) {
      for (let i = 1; i < roles.length; i++) {
        const higher = roles[i - 1];
        const lower = roles[i];
        if (higher && lower && can(lower, permission)) expect(can(higher, permission)).toBe(true);
      }
    }
  });
});

describe("granting roles", () => {
  it("lets owners grant anything and admins anything but owner", () => {
    expect(canGrantRole("owner", "owner")).toBe(true);
    expect(canGrantRole("admin", "owner")).toBe(false);
    expect(canGrantRole("admin", "agent")).toBe(true);
    expect(canGrantRole("agent", "viewer")).toBe(false);
  });
});
