import { describe, expect, it } from "vitest";
import { pendingInvitations } from "./pending-invitations";

const at = "2026-11-26T12:00:00.000Z";

describe("pendingInvitations", () => {
  it("keeps only the invitations neither accepted nor revoked, in their order", () => {
    const items = [
      { id: "waiting", acceptedAt: null, revokedAt: null },
      { id: "accepted", acceptedAt: at, revokedAt: null },
      { id: "revoked", acceptedAt: null, revokedAt: at },
      { id: "replacement", acceptedAt: null, revokedAt: null },
    ];
    expect(pendingInvitations(items).map((item) => item.id)).toEqual(["waiting", "replacement"]);
  });
});
