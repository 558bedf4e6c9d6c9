import { connectedPaymentProviders } from "@crm/contracts";
import { listConnectedProviders as list } from "@crm/domain";
import { z } from "zod";
import { permission } from "../../trpc/init";

/** For the payment-link form: who may charge learns what can charge, without reading the integrations. */
export const listConnectedProviders = permission("payments:write")
  .meta({
    openapi: {
      method: "GET",
      path: "/payments/providers",
      tags: ["payments"],
      summary:
        "The connected payment providers and whether each can create a link now (names and ids only, no credentials)",
    },
  })
  .input(z.object({}).optional())
  .output(connectedPaymentProviders)
  .query(async ({ ctx }) => ({
    items: (await list(ctx.container.payments, ctx.actor)).map((item) => ({
      ...item,
      currencies: [...item.currencies],
    })),
  }));
