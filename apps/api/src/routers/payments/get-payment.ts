import { idInput, payment } from "@crm/contracts";
import { getPayment as get } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPaymentDto } from "./dto";

export const getPayment = permission("payments:read")
  .meta({ openapi: { method: "GET", path: "/payments/{id}", tags: ["payments"], summary: "Get a payment" } })
  .input(idInput)
  .output(payment)
  .query(async ({ ctx, input }) => toPaymentDto(await get(ctx.container.payments, ctx.actor, input.id)));
