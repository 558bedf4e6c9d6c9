import type { TRPCRouterRecord } from "@trpc/server";
import { listDeletions } from "./list-deletions";

export const deletionsRouter = {
  list: listDeletions,
} satisfies TRPCRouterRecord;
