import type { TRPCRouterRecord } from "@trpc/server";
import { createApiKey } from "./create-api-key";
import { listApiKeyNames } from "./list-api-key-names";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

export const apiKeysRouter = {
  list: listApiKeys,
  names: listApiKeyNames,
  create: createApiKey,
  revoke: revokeApiKey,
} satisfies TRPCRouterRecord;
