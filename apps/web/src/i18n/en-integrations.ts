/** English for Settings -> Integrations; spread into the source dictionary. */
export const integrationsEn = {
  "settings.tabs.integrations": "Integrations",

  "integrations.title": "Connected integrations",
  "integrations.description":
    "Messaging channels bring customers' messages into the inbox; payment providers charge payment links.",
  "integrations.managersOnly": "Only owners and admins can see and connect integrations.",
  "integrations.empty.title": "Nothing connected yet",
  "integrations.empty.description":
    "Connect WhatsApp, Telegram, Slack or Discord to answer customers from the inbox, and Stripe or Mercado Pago to send payment links.",
  "integrations.add.title": "Connect an integration",
  "integrations.add.description": "Choose a channel or a payment provider and paste its credentials.",
  "integrations.add.channels": "Messaging channels",
  "integrations.add.payments": "Payment providers",
  "integrations.add.connect": "Connect {kind}",

  "integrations.kind.channel": "Channel",
  "integrations.kind.payment": "Payments",
  "integrations.status.active": "Active",
  "integrations.status.disabled": "Disabled",
  "integrations.status.testFailed": "Test failed",
  "integrations.status.notTested": "Not tested yet",
  "integrations.status.testedAt": "Tested {date}",
  "integrations.webhookUrl": "Webhook URL",
  "integrations.webhookUrlHint": "Paste this URL in the provider's webhook settings.",
  "integrations.webhookUrlOf": "webhook URL of {name}",
  "integrations.lastFailed": "The last test failed.",
  "integrations.test.failedLead": "The test failed.",
  "integrations.providerDetail": "Provider detail:",
  "integrations.providerError.httpsRequired":
    "The provider requires a public HTTPS address for the webhook: set PUBLIC_URL to the API's https:// address, then press Test to register the webhook again.",
  "integrations.providerError.credentials": "The provider refused the credentials: check them under Edit.",
  "integrations.providerError.webhookNotRegistered":
    "The provider did not accept registering the webhook at this address.",
  "integrations.providerError.unknown": "The provider refused the request.",

  "integrations.actions.test": "Test",
  "integrations.actions.edit": "Edit",
  "integrations.actions.disable": "Disable",
  "integrations.actions.enable": "Enable",
  "integrations.actions.delete": "Delete",
  "integrations.actions.logs": "Webhook log",
  "integrations.disable.title": "Disable {name}?",
  "integrations.disable.channel":
    "Nothing can be sent through it while it is disabled. Messages customers send meanwhile are kept in its webhook log and delivered to the inbox, in the order they arrived, when you enable it again.",
  "integrations.disable.discord":
    "Nothing can be sent through it while it is disabled, and Discord messages customers write meanwhile are not received: Discord only delivers them to a connected bot.",
  "integrations.disable.payment":
    "No payment links can be created with it while it is disabled. Payments of links already sent are still received and recorded.",
  "integrations.disable.confirm": "Disable",
  "integrations.enabled.released.one":
    "Enabled. The {count} delivery received while it was disabled is being processed now.",
  "integrations.enabled.released.other":
    "Enabled. The {count} deliveries received while it was disabled are being processed now, in the order they arrived.",
  "integrations.test.ok": "Connection works. The provider knows these credentials as {identity}.",
  "integrations.test.okUnnamed": "Connection works: the provider accepts these credentials.",
  "integrations.test.mode.test": "They are test credentials: payment links made with them charge no one.",
  "integrations.test.mode.live": "They are live credentials: payment links made with them charge for real.",
  "integrations.test.failed": "The provider refused these credentials: {error}",

  "integrations.form.connectTitle": "Connect {kind}",
  "integrations.form.editTitle": "Edit {name}",
  "integrations.form.description":
    "Credentials are encrypted before they are stored and are never shown again.",
  "integrations.form.name": "Name",
  "integrations.form.namePlaceholder": "e.g. {kind} sales",
  "integrations.form.nameHint": "How your team will recognise it in the inbox and in these settings.",
  "integrations.form.keepHint": "Stored: {value}. Leave empty to keep it.",
  "integrations.form.connect": "Connect",
  "integrations.form.save": "Save changes",
  "integrations.form.connected": "{name} is connected. Paste the webhook URL in {kind}, then press Test.",
  "integrations.form.connectedTelegram":
    "{name} is connected and its webhook was registered with Telegram. Press Test to check that Telegram delivers to it.",
  "integrations.form.connectedTelegramFailed":
    "{name} is connected, but Telegram did not accept its webhook (see why below). Fix it, then press Test to register it again.",
  "integrations.form.connectedPayment":
    "{name} is connected. Now create a webhook in {kind} with the URL shown below, then press Edit and paste its secret.",
  "integrations.webhookUrlHint.telegram": "Registered with Telegram automatically: nothing to paste.",
  "integrations.webhookUrlHint.telegramFailed":
    "Not registered with Telegram yet: fix the problem above, then click Test to register it again.",
  "integrations.webhookPending":
    "Webhook not configured yet. In {kind}, create a webhook with the URL below, then press Edit and paste “{field}”. Until then payments are not confirmed and payment links cannot be created.",

  "integrations.delete.title": "Delete {name}?",
  "integrations.delete.description":
    "Messages and payments stop arriving through it, and messages kept while it was disabled are not delivered. Its conversations and webhook log are kept.",
  "integrations.delete.confirm": "Delete integration",
  "integrations.delete.checkingLinks": "Checking for pending payment links…",
  "integrations.delete.paymentLinks.zero":
    "It has no pending payment links. Payments stop arriving through it; its payments and webhook log are kept.",
  "integrations.delete.paymentLinks.one":
    "Its {count} pending payment link will be expired at the provider first, so the customer can no longer pay it. Its payments and webhook log are kept.",
  "integrations.delete.paymentLinks.other":
    "Its {count} pending payment links will be expired at the provider first, so customers can no longer pay them. Its payments and webhook log are kept.",
  "integrations.delete.linksNotExpired":
    "The provider did not expire every pending payment link, so the integration was kept (links it expired stay expired). Try again in a moment; a link the customer already paid is recorded when the provider tells us.",
  "integrations.delete.paymentsAwaiting":
    "A payment through this integration still awaits the customer (such as a boleto or Pix), or a link was just created with it. The integration was kept: try again once that payment is paid or expired.",

  "integrations.logs.title": "Webhook log of {name}",
  "integrations.logs.description":
    "Every delivery the provider sent, newest first. A failed one can be processed again.",
  "integrations.logs.caption": "Webhook deliveries",
  "integrations.logs.filter": "Filter by status",
  "integrations.logs.allStatuses": "All statuses",
  "integrations.logs.received": "Received",
  "integrations.logs.status": "Status",
  "integrations.logs.event": "Event",
  "integrations.logs.attempts": "Attempts",
  "integrations.logs.error": "Error",
  "integrations.logs.retry": "Retry",
  "integrations.logs.retryLabel": "Retry delivery received {date}",
  "integrations.logs.empty": "No deliveries yet. They appear here as soon as the provider sends one.",
  "integrations.logs.noMatch": "No deliveries with this status.",
  "integrations.logs.gateway": "Gateway",
  "integrations.logs.status.pending": "Pending",
  "integrations.logs.status.success": "Processed",
  "integrations.logs.status.failed": "Failed",
  "integrations.logs.status.retrying": "Retrying",
  "integrations.logs.status.held": "Received while disabled",
  "integrations.logs.heldHint": "Kept; processed when the integration is enabled again.",

  "integrations.error.digits": "Digits only, as the provider shows it.",
  "integrations.error.hex64": "64 characters from 0-9 and a-f.",
  "integrations.error.token": "8 to 512 characters, without spaces.",
  "integrations.error.telegramBotToken": "The token BotFather gave you, like 123456:ABC-DEF…",
  "integrations.error.telegramSecret": "16 to 256 characters: letters, digits, _ or -.",
  "errors.integrationTaken": "This account is already connected, here or in another organization.",
  "integrations.error.whatsappNumberNotReadable":
    "WhatsApp says this access token cannot use this phone number ID. Check both in WhatsApp Manager.",
  "integrations.error.providerUnreachable":
    "The provider did not answer when we asked it to check these credentials. Nothing was saved: try again in a moment.",

  "integrations.field.whatsapp.phoneNumberId": "Phone number ID",
  "integrations.hint.whatsapp.phoneNumberId":
    "WhatsApp Manager → API Setup. Incoming messages are routed by it.",
  "integrations.field.whatsapp.accessToken": "Access token",
  "integrations.hint.whatsapp.accessToken":
    "A permanent token of a system user with whatsapp_business_messaging.",
  "integrations.field.whatsapp.appSecret": "App secret",
  "integrations.hint.whatsapp.appSecret": "App settings → Basic. It signs every webhook.",
  "integrations.field.whatsapp.verifyToken": "Verify token",
  "integrations.hint.whatsapp.verifyToken":
    "Any text you choose; paste the same in the webhook's Verify token field.",
  "integrations.field.telegram.botToken": "Bot token",
  "integrations.hint.telegram.botToken": "The token BotFather gave you, like 123456:ABC-DEF…",
  "integrations.field.telegram.secretToken": "Secret token",
  "integrations.hint.telegram.secretToken":
    "Any 16 to 256 letters, digits, _ or -: we register the webhook with Telegram using it (setWebhook).",
  "integrations.field.slack.botToken": "Bot token",
  "integrations.hint.slack.botToken": "Bot User OAuth Token (xoxb-…), with chat:write and files:read.",
  "integrations.field.slack.signingSecret": "Signing secret",
  "integrations.hint.slack.signingSecret": "Basic Information → App Credentials.",
  "integrations.field.discord.applicationId": "Application ID",
  "integrations.hint.discord.applicationId": "General Information of your Discord application.",
  "integrations.field.discord.publicKey": "Public key",
  "integrations.hint.discord.publicKey": "General Information; it verifies interactions.",
  "integrations.field.discord.botToken": "Bot token",
  "integrations.hint.discord.botToken": "Bot → Reset Token. The bot needs the Message Content intent.",
  "integrations.field.stripe.secretKey": "Secret key",
  "integrations.hint.stripe.secretKey": "Developers → API keys (sk_live_… or sk_test_…).",
  "integrations.field.stripe.webhookSecret": "Webhook signing secret",
  "integrations.hint.stripe.webhookSecret":
    "Optional for now: after connecting, create a webhook endpoint in Stripe with the URL shown, then press Edit and paste its whsec_… secret.",
  "integrations.field.mercadopago.accessToken": "Access token",
  "integrations.hint.mercadopago.accessToken": "Your application → Production credentials → Access token.",
  "integrations.field.mercadopago.webhookSecret": "Webhook secret",
  "integrations.hint.mercadopago.webhookSecret":
    "Optional for now: after connecting, add the URL shown in Webhooks, then press Edit and paste the secret signature shown for it.",
} as const;
