import type { TRPCRouterRecord } from "@trpc/server";
import { currentOrganization } from "./current-organization";
import { updateOrganization } from "./update-organization";

export const organizationsRouter = {
  current: currentOrganization,
  update: updateOrganization,
} satisfies TRPCRouterRecord;
