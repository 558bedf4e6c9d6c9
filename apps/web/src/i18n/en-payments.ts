/** English for payments: the list, payment links, refunds; spread into the source dictionary. */
export const paymentsEn = {
  "payments.title": "Payments",
  "payments.description": "Payment links sent to customers and what became of them.",
  "payments.empty.title": "No payments yet",
  "payments.empty.description":
    "Create a payment link for a deal and send it to the customer. When they have paid its value, the deal is marked as won.",
  "payments.empty.readOnly": "Payment links your team creates for deals will be listed here.",
  "payments.noMatch": "No payments match these filters.",
  "payments.filter.status": "Filter by status",
  "payments.filter.anyStatus": "Any status",
  "payments.filter.provider": "Filter by provider",
  "payments.filter.anyProvider": "Any provider",
  "payments.filter.clear": "Clear filters",

  "payments.status.pending": "Pending",
  "payments.status.paid": "Paid",
  "payments.status.failed": "Failed",
  "payments.status.refunded": "Refunded",
  "payments.status.expired": "Expired",

  "payments.column.status": "Status",
  "payments.column.amount": "Amount",
  "payments.column.provider": "Provider",
  "payments.column.deal": "Deal",
  "payments.column.created": "Created",
  "payments.refundedSoFar": "{amount} refunded",

  "payments.link.label": "Payment link",
  "payments.link.copy": "Copy link",
  "payments.link.copied": "Copied",
  "payments.link.of": "of {name}",
  "payments.link.open": "Open",
  "payments.link.openLabel": "Open payment link of {name}",

  "payments.create.open": "Create payment link",
  "payments.create.title": "Create a payment link",
  "payments.create.description":
    "The customer pays on the provider's checkout page; the deal is marked as won when its paid links add up to its value.",
  "payments.create.deal": "Deal",
  "payments.create.providerFailed":
    "{provider} did not respond as expected while creating the link. Try again in a moment; if it keeps failing, see the technical details or test the integration.",
  "payments.create.technicalDetails": "Technical details",
  "payments.create.dealSearch": "Search by title or contact",
  "payments.create.dealResults": "Open deals",
  "payments.create.dealNone": "No open deal found.",
  "payments.create.dealChange": "Change",
  "payments.create.noDeals": "There are no open deals. Create a deal first, then charge it here.",
  "payments.create.dealValue": "{title} is worth {value}.",
  "payments.create.alreadyPaid": "{paid} of {value} already paid.",
  "payments.create.pendingLink.one":
    "This deal already has a pending link of {total}, not paid yet: the suggested amount leaves it out. If the customer will not use it, tell them when you send another, or they may pay both.",
  "payments.create.pendingLink.other":
    "This deal already has {count} pending links, {total} in all, not paid yet: the suggested amount leaves them out. If the customer will not use them, tell them when you send another, or they may pay them all.",
  "payments.create.paidInFull":
    "This deal is already paid in full: a new link would charge the customer beyond the deal's value.",
  "payments.create.belowRemaining":
    "Less than what is left to pay ({remaining}): paid alone, this link does not mark the deal as won. It is won once its paid links add up to its value.",
  "payments.create.aboveRemaining":
    "More than what is left to pay ({remaining}): the customer would pay beyond the deal's value.",
  "payments.create.amount": "Amount",
  "payments.create.currency": "Currency",
  "payments.create.provider": "Provider",
  "payments.create.providerChoose": "Choose a provider",
  "payments.create.noProvider": "No payment provider is connected, so no payment link can be created yet.",
  "payments.create.noProviderAsk": "Ask an admin to connect Stripe or Mercado Pago.",
  "payments.create.connectProvider": "Connect Stripe or Mercado Pago",
  "payments.create.dealLost": "This deal is lost. Reopen it before charging it.",
  "payments.create.submit": "Create link",
  "payments.create.zero": "The amount must be greater than zero.",
  "payments.create.belowDealValue":
    "Less than the deal's value ({value}): paid alone, this link does not mark the deal as won. It is won once its paid links add up to its value.",
  "payments.create.otherCurrencyThanDeal":
    "Not in the deal's currency ({currency}): this payment does not count toward the deal's value and does not mark it as won.",
  "payments.create.currencyHint": "{provider} charges this account in {currencies} only.",
  "payments.create.amountCleared":
    "The amount was cleared because the currency changed from {from} to {to}: a number in {from} means nothing in {to}. Enter the amount in {to}.",
  "payments.create.refused":
    "The link could not be created. Check that Stripe or Mercado Pago is connected and active in Settings → Integrations and that it accepts this currency.",
  "payments.create.webhookMissing":
    "This provider cannot create links yet: its webhook secret is not pasted in Settings → Integrations. Without it, a paid link could not close the deal.",
  "payments.create.providerNotReady": "{provider} (webhook secret missing)",
  "payments.create.notReady":
    "{provider} is connected but cannot create links yet: its webhook secret is not pasted in Settings → Integrations. Without it, a paid link could not close the deal.",
  "payments.create.notReadyAsk": "Ask an admin to paste the webhook secret.",
  "payments.create.openIntegrations": "Open Settings → Integrations",
  "payments.create.created": "Payment link for {amount} created. Send it to your customer.",

  "payments.refund.open": "Refund",
  "payments.refund.openLabel": "Refund payment of {amount}",
  "payments.refund.title": "Refund payment",
  "payments.refund.description": "The money goes back to the customer through the provider.",
  "payments.refund.left": "{amount} of {total} can still be refunded.",
  "payments.refund.held": "{amount} is being refunded or awaits the provider's confirmation.",
  "payments.refund.lostAnswer":
    "The connection dropped before the answer, and the refund may have been made. Click Refund to send the same request again: it is never made twice.",
  "payments.refund.how": "How much",
  "payments.refund.full": "Everything that is left",
  "payments.refund.partial": "Part of it",
  "payments.refund.amount": "Amount to refund ({currency})",
  "payments.refund.submit": "Refund",
  "payments.refund.zero": "The refund must be greater than zero.",
  "payments.refund.tooMuch": "This is more than what can still be refunded.",
  "payments.refund.unconfirmed":
    "The provider did not confirm the refund. It may have been made already: the amount stays held and the refund is settled automatically within a few minutes. Do not refund it again.",
  "payments.refund.earlierUnconfirmed":
    "An earlier refund of this payment awaits the provider's confirmation. It is settled automatically within a few minutes, recorded once if it was made; refund again only after that, if anything is left.",

  "payments.deal.title": "Payments",
  "payments.deal.description":
    "Payment links for this deal. The deal is marked as won when its paid links add up to its value.",
  "payments.deal.empty": "No payment links yet.",

  "payments.send.title": "Send a payment link",
  "payments.send.description": "The link goes to the customer as a message in this conversation.",
  "payments.send.openLinks": "Open payment links",
  "payments.send.send": "Send",
  "payments.send.sendLabel": "Send payment link of {amount}",
  "payments.send.newLink": "Create a new link",
  "payments.send.back": "Back",
  "payments.send.sendMessage": "Send message",
  "payments.send.chosenLink": "Link of {amount} via {provider}",
  "payments.message.label": "Message to the customer",
  "payments.message.hint":
    "Sent as written, with the link added on the line below. The deal's title is not sent unless you write it.",
  "payments.message.preview": "What the customer receives",
  "payments.message.linkPlaceholder": "(the payment link, once created)",
  "payments.send.createAndSend": "Create and send",
  "payments.send.sent":
    "Link ready; the message with it is being sent to the customer. Follow it in the conversation: if the channel refuses it, it shows there as not sent.",
  "payments.send.refused":
    "The link could not be sent here. The conversation must be with the deal's contact and the link still open.",
} as const;
