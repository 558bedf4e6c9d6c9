import { tag, updateTagInput } from "@crm/contracts";
import { updateTag as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toTagDto } from "../contacts/dto";

export const updateTag = permission("contacts:write")
  .meta({
    openapi: { method: "PATCH", path: "/tags/{id}", tags: ["tags"], summary: "Rename or recolor a tag" },
  })
  .input(updateTagInput)
  .output(tag)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    return toTagDto(await update(ctx.container.contacts, ctx.actor, id, patch));
  });
