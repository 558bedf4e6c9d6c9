/** English for notifications: the bell, its list, and what a note's @mentions did. */
export const notificationsEn = {
  "notifications.title": "Notifications",
  "notifications.open.zero": "Notifications",
  "notifications.open.one": "Notifications, {count} unread",
  "notifications.open.other": "Notifications, {count} unread",
  "notifications.list": "Newest notifications",
  "notifications.markAllRead": "Mark all as read",
  "notifications.empty":
    "No notifications yet. You will hear here when someone assigns you a conversation or mentions you in a note.",
  "notifications.unread": "Unread",
  "notifications.someone": "Someone",
  "notifications.aCustomer": "a customer",
  "notifications.assigned": "{actor} assigned you the conversation with {contact}",
  "notifications.assignedToYou": "You were assigned the conversation with {contact}",
  "notifications.mentioned": "{actor} mentioned you in a note on {contact}'s conversation",
  "notifications.lostDealPaid.won": "{contact} paid {amount} on a deal marked lost: it is won now",
  "notifications.lostDealPaid.stillLost": "{contact} paid {amount} on a deal marked lost",

  "notifications.mentions.notified": "Notified: {names}.",
  "notifications.mentions.noAccess":
    "{handle} was not notified: {name} cannot see this conversation (it is assigned to someone else).",
  "notifications.mentions.ambiguous":
    "{handle} was not notified: it could be {names}. Write the full name or the email.",
  "notifications.mentions.suggestions": "Team members",
} as const;
