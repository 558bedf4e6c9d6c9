import { idInput, message } from "@crm/contracts";
import { getMessage as get } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toMessageDto } from "../conversations/dto";

export const getMessage = permission("conversations:read")
  .meta({ openapi: { method: "GET", path: "/messages/{id}", tags: ["messages"], summary: "Get a message" } })
  .input(idInput)
  .output(message)
  .query(async ({ ctx, input }) => toMessageDto(await get(ctx.container.conversations, ctx.actor, input.id)));
