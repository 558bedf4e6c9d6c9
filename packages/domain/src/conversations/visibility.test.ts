import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/model";
import { canSee, conversationScope } from "./visibility";

const user = (role: Actor["role"], userId = "u1"): Actor => ({
  kind: "user",
  userId,
  organizationId: "o",
  role,
  sessionId: "s",
});

describe("who sees which conversation", () => {
  it("shows agents their conversations and the unassigned ones only", () => {
    const scope = conversationScope(user("agent"));
    expect(canSee(scope, { assignedTo: "u1" })).toBe(true);
    expect(canSee(scope, { assignedTo: null })).toBe(true);
    expect(canSee(scope, { assignedTo: "u2" })).toBe(false);
  });

  it("shows owners, admins and viewers everything", () => {
    for (const role of ["owner", "admin", "viewer"] as const)
      expect(canSee(conversationScope(user(role)), { assignedTo: "u2" })).toBe(true);
  });

  it("shows an agent API key only the unassigned ones", () => {
    const scope = conversationScope({ kind: "apiKey", apiKeyId: "k", organizationId: "o", role: "agent" });
    expect(canSee(scope, { assignedTo: null })).toBe(true);
    expect(canSee(scope, { assignedTo: "u1" })).toBe(false);
  });
});
