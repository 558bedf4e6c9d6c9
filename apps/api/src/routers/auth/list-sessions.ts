import { ownSessions } from "@crm/contracts";
import { listOwnSessions } from "@crm/domain";
import { z } from "zod";
import { authenticatedProcedure } from "../../trpc/init";

export const sessions = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "GET",
      path: "/auth/sessions",
      tags: ["auth"],
      summary: "Your sessions that have not expired, newest first (users only)",
    },
  })
  .input(z.object({}).optional())
  .output(ownSessions)
  .query(async ({ ctx }) => {
    const items = await listOwnSessions(ctx.container.auth, ctx.actor);
    return {
      items: items.map((s) => ({
        current: s.current,
        createdAt: s.createdAt.toISOString(),
        lastUsedAt: s.lastUsedAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        userAgent: s.userAgent,
      })),
      nextCursor: null,
    };
  });
