import type { TRPCRouterRecord } from "@trpc/server";
import { createTag } from "./create-tag";
import { deleteTag } from "./delete-tag";
import { getTag } from "./get-tag";
import { listTags } from "./list-tags";
import { tagUsage } from "./tag-usage";
import { updateTag } from "./update-tag";

export const tagsRouter = {
  list: listTags,
  get: getTag,
  create: createTag,
  update: updateTag,
  remove: deleteTag,
  usage: tagUsage,
} satisfies TRPCRouterRecord;
