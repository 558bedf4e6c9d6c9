import type { TRPCRouterRecord } from "@trpc/server";
import { createAndSendPaymentLink } from "./create-and-send-payment-link";
import { createPayment } from "./create-payment";
import { getPayment } from "./get-payment";
import { listConnectedProviders } from "./list-connected-providers";
import { listPayments } from "./list-payments";
import { refundPayment } from "./refund-payment";
import { sendPaymentLink } from "./send-payment-link";

export const paymentsRouter = {
  list: listPayments,
  providers: listConnectedProviders,
  get: getPayment,
  create: createPayment,
  refund: refundPayment,
  sendLink: sendPaymentLink,
  createAndSendLink: createAndSendPaymentLink,
} satisfies TRPCRouterRecord;
