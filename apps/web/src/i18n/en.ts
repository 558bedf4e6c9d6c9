import { accountEn } from "./en-account";
import { agendaEn } from "./en-agenda";
import { companiesEn } from "./en-companies";
import { contactsEn } from "./en-contacts";
import { dealListEn } from "./en-deal-list";
import { dealsEn } from "./en-deals";
import { inboxEn } from "./en-inbox";
import { inboxSearchEn } from "./en-inbox-search";
import { integrationsEn } from "./en-integrations";
import { notificationsEn } from "./en-notifications";
import { outgoingWebhooksEn } from "./en-outgoing-webhooks";
import { paymentsEn } from "./en-payments";

/** The source dictionary: its keys and `{placeholders}` define what every other language must provide. */
export const en = {
  ...accountEn,
  ...agendaEn,
  ...companiesEn,
  ...contactsEn,
  ...dealsEn,
  ...dealListEn,
  ...inboxEn,
  ...inboxSearchEn,
  ...integrationsEn,
  ...notificationsEn,
  ...outgoingWebhooksEn,
  ...paymentsEn,

  "common.actions": "Actions",
  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.done": "Done",
  "common.language": "Language",
  "common.loadMore": "Load more",
  "common.loading": "Loading…",
  "common.saveChanges": "Save changes",
  "common.tryAgain": "Try again",
  "common.refreshFailed": "Could not refresh: showing what was loaded before.",
  "common.loadMoreFailed": "Could not load more: showing what was loaded before.",
  "common.edit": "Edit",
  "common.dismiss": "Dismiss",
  "common.yes": "Yes",
  "common.no": "No",

  "colors.gray": "Gray",
  "colors.red": "Red",
  "colors.orange": "Orange",
  "colors.yellow": "Yellow",
  "colors.green": "Green",
  "colors.teal": "Teal",
  "colors.blue": "Blue",
  "colors.indigo": "Indigo",
  "colors.purple": "Purple",
  "colors.pink": "Pink",

  "record.missing": "This record no longer exists",

  "form.showPassword": "Show password",

  "auth.email": "Email",
  "auth.workEmail": "Work email",
  "auth.name": "Your name",
  "auth.password": "Password",
  "auth.passwordHint": "At least 10 characters.",
  "auth.backToLogin": "Back to log in",

  "auth.login.title": "Log in",
  "auth.login.description": "Welcome back. Log in to answer your customers.",
  "auth.login.forgot": "Forgot your password?",
  "auth.login.submit": "Log in",
  "auth.login.noAccount": "New to CRM Manager?",
  "auth.login.toSignup": "Create an account",
  "auth.sessionEnded.signed_out": "Your session has ended. Log in again to continue.",
  "auth.sessionEnded.logged_out": "You signed out in another tab. Log in again to continue.",
  "auth.sessionEnded.password_reset":
    "Your password was changed, which signed you out everywhere. Log in with the new password.",
  "auth.sessionEnded.role_changed": "Your access changed; log in again.",
  "auth.sessionEnded.removed": "You no longer have access to this organization.",

  "auth.signup.title": "Create your account",
  "auth.signup.description": "Set up your organization and start talking to customers in minutes.",
  "auth.signup.organizationName": "Company name",
  "auth.signup.submit": "Create account",
  "auth.signup.haveAccount": "Already have an account?",
  "auth.signup.toLogin": "Log in",
  "auth.signup.tryLogin": "Try logging in instead.",

  "auth.forgot.title": "Reset your password",
  "auth.forgot.description":
    "Enter the email you use to log in and we will send you a link to choose a new password.",
  "auth.forgot.submit": "Send reset link",
  "auth.forgot.sent":
    "If an account exists for {email}, a link to reset the password is on its way. Check your inbox and spam folder.",
  "auth.forgot.unavailable":
    "We cannot send the reset email right now. Nothing was sent: try again in a few minutes.",

  "auth.reset.title": "Choose a new password",
  "auth.reset.description": "Pick a password you do not use anywhere else.",
  "auth.reset.newPassword": "New password",
  "auth.reset.submit": "Save new password",
  "auth.reset.requestNew": "Request a new link",
  "auth.reset.unusable":
    "This reset link can no longer be used: it is invalid, has expired or was already used.",
  "auth.reset.done": "Your password has been changed. You can now log in with it.",

  "auth.invitation.title": "Join your team",
  "auth.invitation.description":
    "You have been invited to CRM Manager. Tell us your name and choose a password.",
  "auth.invitation.submit": "Join team",
  "auth.invitation.invitedBy": "{inviter} invited you to join {organization} as {role}.",
  "auth.invitation.invited": "You were invited to join {organization} as {role}.",
  "auth.invitation.chooseNameAndPassword": "Enter your name and choose a password.",
  "auth.invitation.unusable":
    "This invitation link can no longer be used: it was already accepted, was revoked or has expired. If you already joined, log in; otherwise ask whoever invited you for a new invitation.",

  "realtime.reconnecting": "Reconnecting…",
  "realtime.offline":
    "No internet connection: conversations do not update and nothing is sent until it is back.",

  "nav.label": "Main",
  "nav.skipToContent": "Skip to content",
  "nav.inbox": "Inbox",
  "nav.contacts": "Contacts",
  "nav.companies": "Companies",
  "nav.deals": "Deals",
  "nav.payments": "Payments",
  "nav.settings": "Settings",
  "nav.more": "More",
  "nav.unread.one": "{count} unread conversation",
  "nav.unread.other": "{count} unread conversations",

  "userMenu.label": "Account menu:",
  "userMenu.open": "{initials}: account menu for {name}",
  "userMenu.logout": "Log out",

  "comingSoon.title": "This screen is on its way",
  "comingSoon.badge": "Coming soon",
  "comingSoon.inbox":
    "Conversations from WhatsApp, Telegram, Discord and Slack will arrive here in one shared inbox. It is not available yet.",

  "settings.title": "Settings",
  "settings.description": "Manage your organization, team, sales pipelines, contact fields and integrations.",
  "settings.tabs.label": "Settings sections",
  "settings.tabs.organization": "Organization",
  "settings.tabs.team": "Team",
  "settings.tabs.apiKeys": "API keys",
  "settings.tabs.pipelines": "Pipelines",
  "settings.tabs.customFields": "Custom fields",
  "settings.tabs.tags": "Tags",
  "settings.readOnly": "Only owners and admins can change these settings.",
  "settings.saved": "Changes saved.",

  "settings.organization.title": "Organization",
  "settings.organization.description":
    "How your organization is named and the defaults your team works with.",
  "settings.organization.name": "Organization name",
  "settings.organization.slug": "Short name (slug)",
  "settings.organization.slugHint":
    "A unique short name for your organization, no two alike. Lowercase letters, numbers and dashes.",
  "settings.organization.currency": "Default currency",
  "settings.organization.timezone": "Time zone",
  "settings.organization.timezoneHint":
    "Used only for the times in the contacts CSV export (created_at column) while the default language is Portuguese. Screens show times in each person's own device time zone.",
  "settings.organization.retention": "Data retention (days)",
  "settings.organization.retentionHint":
    "Conversations older than this are deleted. Between {min} and {max} days.",
  "settings.organization.locale": "Default language",
  "settings.organization.localeHint": "Used for messages sent on behalf of your organization.",

  "roles.owner": "Owner",
  "roles.admin": "Admin",
  "roles.agent": "Agent",
  "roles.viewer": "Viewer",
  "roles.abilities.owner": "Owners can do everything, including billing, refunds and removing members.",
  "roles.abilities.admin":
    "Admins can do everything but billing, refunds and removing members: settings, team invitations, integrations and deleting records.",
  "roles.abilities.agent":
    "Agents answer conversations and work with contacts, deals and payment links, but cannot delete records or change settings, the team or integrations.",
  "roles.abilities.viewer":
    "Viewers can only read conversations, contacts, deals and payments; they change nothing.",

  "team.name": "Name",
  "team.role": "Role",
  "team.roleOf": "Role of {name}",
  "team.lastActive": "Last login",
  "team.never": "Never",
  "team.you": "(you)",
  "team.members.title": "Members",
  "team.members.description": "Everyone with access to this organization.",
  "team.invite.title": "Invite a teammate",
  "team.invite.description": "They will receive an email with a link to join. The link is valid for 7 days.",
  "team.invite.emailPlaceholder": "name@company.com",
  "team.invite.submit": "Send invitation",
  "team.invite.sent": "Invitation sent to {email}.",
  "team.invite.resent":
    "Invitation sent to {email} again. It replaces the pending one: the earlier link no longer works.",
  "team.invite.replaced":
    "Invitation sent to {email} as {role}. It replaces the pending invitation as {previous}, whose link no longer works.",
  "team.invite.unavailable":
    "We cannot send the invitation email right now. Nobody was invited and any pending invitation still works: try again in a few minutes.",
  "team.changeRole.title": "Change the role of {name}?",
  "team.changeRole.description":
    "{name} will be {role}. Their sessions end now: they sign in again to continue, with the new role.",
  "team.changeRole.releases.one":
    "The open conversation assigned to {name} goes back to the queue, unassigned, for someone else on the team to answer.",
  "team.changeRole.releases.other":
    "The {count} open conversations assigned to {name} go back to the queue, unassigned, for others on the team to answer.",
  "team.changeRole.releasesMore":
    "More than {count} open conversations assigned to {name} go back to the queue, unassigned, for others on the team to answer.",
  "team.changeRole.confirm": "Change role",
  "team.remove.label": "Remove {name}",
  "team.remove.title": "Remove member?",
  "team.remove.description": "{name} will lose access to this organization right away.",
  "team.remove.confirm": "Remove",
  "team.invitations.title": "Pending invitations",
  "team.invitations.description": "Invitations that have not been accepted yet.",
  "team.invitations.empty": "No pending invitations.",
  "team.invitations.status": "Status",
  "team.invitations.expires": "Expires {date}",
  "team.invitations.expired": "Expired",
  "team.invitations.revoke": "Revoke",
  "team.invitations.revokeLabel": "Revoke invitation for {email}",
  "team.invitations.revokeTitle": "Revoke invitation?",
  "team.invitations.revokeDescription": "The link sent to {email} will stop working.",

  "apiKeys.title": "API keys",
  "apiKeys.description":
    "Keys let your own systems call the CRM Manager API. Each key acts with the role you give it.",
  "apiKeys.managersOnly": "Only owners and admins can manage API keys.",
  "apiKeys.name": "Name",
  "apiKeys.namePlaceholder": "e.g. Website integration",
  "apiKeys.roleHint": "What the key may do. Give it the least it needs.",
  "apiKeys.createdAt": "Created",
  "apiKeys.lastUsed": "Last used",
  "apiKeys.revoked": "Revoked",
  "apiKeys.revoke": "Revoke",
  "apiKeys.revokeLabel": "Revoke key {name}",
  "apiKeys.revokeTitle": "Revoke API key?",
  "apiKeys.revokeDescription": "Anything using “{name}” will stop working at once. This cannot be undone.",
  "apiKeys.empty.title": "No API keys yet",
  "apiKeys.empty.description": "Create a key to connect your website, ERP or automation tools.",
  "apiKeys.create.open": "Create API key",
  "apiKeys.create.title": "Create API key",
  "apiKeys.create.description": "Name the key after where it will be used, so you know what to revoke later.",
  "apiKeys.create.submit": "Create key",
  "apiKeys.created.title": "Your new API key",
  "apiKeys.created.warning":
    "Copy this key now and keep it somewhere safe. For your security it will not be shown again.",
  "apiKeys.created.secret": "Secret key",
  "apiKeys.copy": "Copy",
  "apiKeys.copied": "Copied",
  "apiKeys.author": "via API: {name}",
  "apiKeys.authorDeleted": "API key (deleted)",

  "errors.refused": "This was refused. The server said:",
  "errors.validationFailed": "Some information needs your attention. Check the highlighted fields.",
  "errors.invalidToken": "This link is invalid or has expired. Ask for a new one.",
  "errors.invitationInvalid":
    "This invitation is invalid, was revoked or has expired. Ask your team for a new one.",
  "errors.unauthenticated": "Your session has ended. Please log in again.",
  "errors.invalidCredentials": "The email or password is incorrect.",
  "errors.forbidden": "You do not have permission to do this.",
  "errors.notFound": "We could not find what you were looking for. It may have been removed.",
  "errors.conflict": "This conflicts with something that already exists.",
  "errors.emailTaken": "An account with this email already exists.",
  "errors.slugTaken": "This short name is already taken. Choose another one.",
  "errors.alreadyMember": "This person is already a member of this organization.",
  "errors.accountElsewhere":
    "This email address already has a CRM Manager account in another organization, and an account belongs to one organization only. Ask to be removed from that organization, or ask for an invitation to another email address.",
  "errors.preconditionFailed": "This cannot be done right now.",
  "errors.lastOwner": "The organization must keep at least one owner.",
  "errors.contactDuplicate": "Another contact already has this phone or email.",
  "errors.customFieldKeyTaken": "Another custom field already uses this key.",
  "errors.tagTaken": "A tag with this name already exists.",
  "errors.pipelineHasDeals":
    "This pipeline still has deals (won and lost ones count too). Create another pipeline to move them to first.",
  "errors.unprocessable": "This request could not be processed.",
  "errors.rateLimited": "Too many attempts. Wait a minute and try again.",
  "errors.rateLimitedFor.one": "Too many attempts. Try again in {count} minute.",
  "errors.rateLimitedFor.other": "Too many attempts. Try again in {count} minutes.",
  "errors.providerError": "An external service did not respond as expected. Try again in a moment.",
  "errors.providerUnconfirmed":
    "An external service did not confirm this. It is checked automatically within a few minutes: do not try again.",
  "errors.refundUnconfirmed":
    "An earlier refund of this payment awaits the provider's confirmation. It is settled automatically within a few minutes.",
  "errors.unavailable": "This cannot be done right now. Try again in a few minutes.",
  "errors.network": "We could not reach the server. Check your connection and try again.",
  "errors.unexpected": "Something went wrong on our side. Try again in a moment.",

  "errors.field.required": "This field is required.",
  "errors.field.email": "Enter a valid email address, like name@company.com.",
  "errors.field.password": "Use at least 10 characters.",
  "errors.field.slug":
    "Use 1 to 48 lowercase letters, numbers or dashes, starting and ending with a letter or number.",
  "errors.field.retentionDays": "Enter a whole number of days between 30 and 3650.",
  "errors.field.option": "Choose one of the options.",
  "errors.field.invalid": "Check this value.",
  "errors.field.phone": "Enter a valid phone number, with the country code for numbers outside Brazil.",
  "errors.field.phoneAreaCode":
    "The area code (DDD) is missing: enter the number with it, such as (11) 98765-4321.",
  "errors.field.amount": "Enter an amount like 1500 or 1500.50.",
  "errors.field.amountNegative": "The amount cannot be negative.",
  "errors.field.amountDecimals": "Use at most two decimal places, like 1500.50.",
  "errors.field.amountPositive": "The amount must be greater than zero.",
  "errors.field.amountTooLarge": "The amount is too large: it can be at most 9,999,999,999,999.99.",
  "errors.field.amountNoCents": "This currency has no cents: enter a whole amount, like 1500.",
  "errors.field.amountOtherCurrency":
    "This amount is written in another currency: type the amount in the currency chosen beside it.",
  "errors.field.number": "Enter a number.",
  "errors.field.date": "Enter a valid date.",
  "errors.field.options": "Add at least one option, one per line.",
  "errors.field.customFieldKey":
    "Start with a letter and use only lowercase letters, numbers and _ (up to 50).",
  "errors.field.probability": "Enter a whole number from 0 to 100.",
  "errors.field.rottingDays": "Enter a number of days from 1 to 3650, or leave it empty.",
  "errors.field.csv": "This file could not be read as CSV.",
  "errors.reason.tooShort": "This text is too short.",
  "errors.reason.tooLong": "This text is too long. Shorten it.",
  "errors.reason.tooSmall": "This value is too small.",
  "errors.reason.tooBig": "This value is too large.",
  "errors.reason.tooFew": "Add more items.",
  "errors.reason.tooMany": "There are too many items. Remove some.",
  "errors.reason.notInteger": "Enter a whole number.",
  "errors.reason.invalidId": "Something chosen here is no longer valid. Reload the page and try again.",
  "errors.reason.invalidUrl": "Enter a valid address, like https://example.com.",
  "errors.reason.invalidFormat": "This value is not in the expected format.",
  "errors.reason.unknownField":
    "The page sent something the server does not know. Reload the page and try again.",
  "errors.reason.outOfRange": "This value is outside the allowed range.",
  "errors.reason.httpsRequired": "Use an address that starts with https://.",
  "errors.reason.privateAddress":
    "This address is private (a local network or this computer): use a public address reachable from the internet.",
  "errors.reason.urlHasCredentials": "Remove the user name and password from the address.",
  "errors.reason.urlHasFragment": "Remove the part after # from the address.",

  "notFound.title": "Page not found",
  "notFound.description": "The page you are looking for does not exist or has moved.",
  "notFound.home": "Go to the app",

  "routeError.title": "This page could not be loaded",
  "routeError.description": "We could not load this page. Check your connection and try again.",
} as const;
