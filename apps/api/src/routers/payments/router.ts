import type { TRPCRouterRecord } from "@trpc/server";
import { createPayment } from "./create-payment";
import { getPayment } from "./get-payment";
import { listPayments } from "./list-payments";
import { refundPayment } from "./refund-payment";
import { sendPaymentLink } from "./send-payment-link";

export const paymentsRouter = {
  list: listPayments,
  get: getPayment,
  create: createPayment,
  refund: refundPayment,
  sendLink: sendPaymentLink,
} satisfies TRPCRouterRecord;
