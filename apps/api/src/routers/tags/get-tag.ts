import { idInput, tag } from "@crm/contracts";
import { getTag as get } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toTagDto } from "../contacts/dto";

export const getTag = permission("contacts:read")
  .meta({ openapi: { method: "GET", path: "/tags/{id}", tags: ["tags"], summary: "Get a tag" } })
  .input(idInput)
  .output(tag)
  .query(async ({ ctx, input }) => toTagDto(await get(ctx.container.contacts, ctx.actor, input.id)));
