/** English for the inbox: conversations, the thread, the composer and the contact panel. */
export const inboxEn = {
  "inbox.title": "Inbox",
  "inbox.conversations": "Conversations",
  "inbox.empty.title": "No conversations yet",
  "inbox.empty.description":
    "When customers write to your WhatsApp, Telegram, Slack or Discord, their messages arrive here. Connect a channel in Settings to get started.",
  "inbox.empty.action": "Connect a channel",
  "inbox.empty.askManager":
    "When customers write to your WhatsApp, Telegram, Slack or Discord, their messages arrive here. Ask an owner or admin to connect a channel.",
  "inbox.noMatch": "No conversations match these filters.",
  "inbox.clearFilters": "Clear filters",
  "inbox.noneOpen": "No open conversations.",
  "inbox.showClosed": "Show closed conversations",
  "inbox.pickConversation.title": "Pick a conversation",
  "inbox.pickConversation.description": "Choose a conversation on the left to read it and reply.",
  "inbox.backToList": "All conversations",

  "inbox.filter.status": "Status",
  "inbox.filter.allStatuses": "All statuses",
  "inbox.filter.assignee": "Assigned to",
  "inbox.filter.everyone": "All",
  "inbox.filter.mine": "Mine",
  "inbox.filter.unassigned": "Unassigned",
  "inbox.filter.mineAndUnassigned": "Mine and unassigned",
  "inbox.filter.counted": "{label} ({n})",
  "inbox.heldUpdates.one": "{count} conversation updated — show",
  "inbox.heldUpdates.other": "{count} conversations updated — show",
  "inbox.filter.channel": "Channel",
  "inbox.filter.allChannels": "All channels",

  "inbox.status.open": "Open",
  "inbox.status.pending": "Pending",
  "inbox.status.snoozed": "Snoozed",
  "inbox.status.closed": "Closed",

  "inbox.channel.whatsapp": "WhatsApp",
  "inbox.channel.telegram": "Telegram",
  "inbox.channel.slack": "Slack",
  "inbox.channel.discord": "Discord",

  "inbox.unread.one": "{count} unread",
  "inbox.unread.other": "{count} unread",
  "inbox.unknownContact": "Unknown contact",
  "inbox.noMessagesYet": "No messages yet",
  "inbox.assignedTo": "Assigned to {name}",
  "inbox.snoozedUntil": "Snoozed until {date}",

  "inbox.search.label": "Search messages",
  "inbox.search.placeholder": "Search messages and contacts…",
  "inbox.search.noResults": "No messages found for “{q}”.",
  "inbox.search.results": "Messages matching “{q}”",
  "inbox.search.sort": "Order of the results",
  "inbox.search.sort.recent": "Newest",
  "inbox.search.sort.relevance": "Most relevant",

  "inbox.thread.label": "Conversation with {name}",
  "inbox.thread.loadEarlier": "Load earlier messages",
  "inbox.thread.newMessages": "New messages",
  "inbox.thread.announce": "New message from {name}: {text}",
  "inbox.thread.announceAttachment": "New message from {name}, with an attachment.",
  "inbox.thread.empty": "No messages in this conversation yet.",
  "inbox.thread.privateNote": "Private note",
  "inbox.thread.deleted": "This message was deleted.",
  "inbox.thread.image": "Image",
  "inbox.thread.file": "File",
  "inbox.thread.mediaPending": "The attachment is still being downloaded.",
  "inbox.thread.mediaFailed": "The attachment could not be downloaded.",
  "inbox.thread.unsupported": "This kind of message cannot be shown here.",
  "inbox.thread.typing.one": "{names} is typing…",
  "inbox.thread.typing.other": "{names} are typing…",
  "inbox.thread.today": "Today",
  "inbox.thread.yesterday": "Yesterday",
  "inbox.thread.template": "Template “{name}” ({language})",
  "inbox.thread.templateWithParameters": "Template “{name}” ({language}): {parameters}",
  "inbox.thread.templateRefused.parameterCount":
    "WhatsApp refused the template: the number of parameters is not what the approved template expects. Correct the parameters and resend.",
  "inbox.thread.templateRefused.missingTemplate":
    "WhatsApp refused the template: there is no approved template with that name in that language. Check the name and language in WhatsApp Manager and resend.",
  "inbox.thread.fixAndResend": "Fix and resend",
  "inbox.thread.retry": "Retry",
  "inbox.thread.notSent": "Not sent.",
  "inbox.lastMessageFailed": "Not sent",
  "inbox.thread.failure.credentials":
    "{channel} refused the CRM's access: ask an administrator to reconnect the channel under Integrations.",
  "inbox.thread.failure.unreachable": "Could not reach {channel} just now. Try again in a moment.",
  "inbox.thread.failure.unconfirmed":
    "{channel} did not confirm the message, and it may have reached the customer. Check with them before trying again.",
  "inbox.thread.failure.interrupted":
    "Sending through {channel} was interrupted, and the message may have reached the customer. Check with them before trying again.",
  "inbox.thread.failure.refused": "{channel} did not accept the message.",
  "inbox.thread.failure.unknown": "The message could not be sent through {channel}. Try again.",
  "inbox.thread.failure.details": "Technical details",

  "inbox.delivery.pending": "Sending",
  "inbox.delivery.sent": "Sent",
  "inbox.delivery.delivered": "Delivered",
  "inbox.delivery.read": "Read",
  "inbox.delivery.failed": "Not delivered",

  "inbox.composer.label": "Message",
  "inbox.composer.placeholder": "Write a reply… (Enter to send, Shift+Enter for a new line)",
  "inbox.composer.notePlaceholder": "Write a private note for your team…",
  "inbox.composer.privateNote": "Private note",
  "inbox.composer.send": "Send",
  "inbox.composer.addNote": "Add note",
  "inbox.composer.readOnly": "You can read this conversation but your role cannot answer it.",
  "inbox.composer.replyTakes": "Replying assigns this conversation to you.",
  "inbox.accessLost.assignedTo": "This conversation was assigned to {name}; you can no longer see it.",
  "inbox.accessLost.someoneElse": "This conversation was assigned to someone else; you can no longer see it.",
  "inbox.noAccess": "You do not have access to this conversation, or it was deleted.",

  "inbox.composer.windowClosed":
    "More than 24 hours have passed since the customer last wrote. WhatsApp only accepts free text after they write again, but an approved message template goes through at any time. You can still add private notes.",

  "inbox.actions.label": "Conversation actions",
  "inbox.actions.assign": "Assign",
  "inbox.actions.assignToMe": "Assign to me",
  "inbox.actions.unassign": "Unassign",
  "inbox.actions.taken": "Someone else took this conversation first.",
  "inbox.actions.snooze": "Snooze",
  "inbox.actions.close": "Close",
  "inbox.actions.reopen": "Reopen",
  "inbox.actions.markPending": "Mark as pending",
  "inbox.actions.markOpen": "Mark as open",

  "inbox.snooze.title": "Snooze conversation",
  "inbox.snooze.description": "It leaves the open list and comes back when the time comes.",
  "inbox.snooze.oneHour": "In 1 hour",
  "inbox.snooze.tomorrow": "Tomorrow at 9:00",
  "inbox.snooze.nextWeek": "Next Monday at 9:00",
  "inbox.snooze.until": "Until",
  "inbox.snooze.submit": "Snooze",
  "inbox.snooze.future": "Choose a time in the future.",
  "inbox.snooze.done": "Conversation snoozed until {date}.",
  "inbox.snooze.undo": "Undo",
  "inbox.snooze.undoneOpen": "Snooze undone: the conversation is open again.",
  "inbox.snooze.undonePending": "Snooze undone: the conversation is pending again.",
  "inbox.snooze.undoChanged": "The conversation changed after it was snoozed, so the snooze was not undone.",

  "inbox.contact.title": "Contact",
  "inbox.contact.none": "This conversation is not linked to a contact.",
  "inbox.contact.open": "Open contact page",
  "inbox.contact.deals": "Deals",
  "inbox.contact.noDeals": "No deals with this contact yet.",
  "inbox.contact.createDeal": "Create deal",
  "inbox.contact.sendPaymentLink": "Send payment link",
  "inbox.contact.stage": "Stage",
  "inbox.contact.stageOf": "Stage of “{title}”",
  "inbox.contact.moveFailed": "“{title}” could not be moved to {to}, so it is back in {from}.",
  "inbox.contact.changedElsewhere":
    "Someone changed this deal in the meantime; the panel now shows their version. Choose the stage again if it still needs moving.",

  "inbox.errors.whatsappWindow":
    "WhatsApp only accepts replies within 24 hours of the customer's last message. Send a message template, wait for the customer to write again, or add a private note.",
  "inbox.errors.noLongerVisible":
    "This conversation is no longer visible to you: it was assigned to someone else or deleted. Your message was not sent.",
  "inbox.errors.channelUnavailable":
    "This channel cannot send messages right now. Check that its integration is connected and active in Settings.",
  "inbox.composer.windowNotOpened":
    "The customer has not written in this WhatsApp conversation yet. WhatsApp only accepts free text within 24 hours of the customer's last message, so start with an approved message template. You can still add private notes.",
  "inbox.errors.whatsappNotOpened":
    "WhatsApp refused free text: the customer has not written in this conversation yet, and WhatsApp only accepts it within 24 hours of their last message. Send a message template, or add a private note.",
  "inbox.errors.tooLong":
    "A {channel} message holds at most {max} characters, and this one has {count}. Shorten it or split it into more than one message; your text is still here.",
  "inbox.errors.noteTooLong":
    "A private note holds at most {max} characters, and this one has {count}. Shorten it or split it into more than one note; your text is still here.",
  "inbox.errors.textRefused": "The message was not sent: {reason}",

  "inbox.template.open": "Send template",
  "inbox.template.title": "Send a message template",
  "inbox.template.description":
    "WhatsApp delivers approved templates at any time, even outside the 24-hour window. Type the template's name and language exactly as approved in WhatsApp Manager.",
  "inbox.template.name": "Template name",
  "inbox.template.nameHint": "Lower-case letters, digits and underscores, e.g. order_update",
  "inbox.template.nameInvalid": "Use only lower-case letters, digits and underscores (up to 512).",
  "inbox.template.language": "Language",
  "inbox.template.languageHint": "The approved translation's code, e.g. pt_BR or en_US",
  "inbox.template.languageInvalid": "Use a code such as pt_BR, en_US or es.",
  "inbox.template.parameters": "Body parameters",
  "inbox.template.parametersHint":
    "One per line: the first fills the template's first variable, and so on. Leave empty if it has none.",
  "inbox.template.parametersInvalid":
    "At most 20 parameters, each up to 1024 characters, with no more than 4 spaces in a row.",
  "inbox.template.submit": "Send template",

  "inbox.start.open": "Start conversation",
  "inbox.start.openWith": "Start a conversation with {name}",
  "inbox.start.title": "Start a conversation with {name}",
  "inbox.start.description": "Choose the channel; you write the first message in the conversation.",
  "inbox.start.channel": "Channel",
  "inbox.start.submit": "Start conversation",
  "inbox.start.unavailable.customerStarts":
    "Conversations on {channel} start when the customer writes to you.",
  "inbox.start.unavailable.noPhone": "{name} has no phone number.",
  "inbox.start.unavailable.neverWrote": "{name} has never written to you on {channel}.",
  "inbox.start.noneUsable": "None of your channels can reach {name} yet.",
  "inbox.start.noChannels": "No channel is connected yet. Connect WhatsApp, Telegram or Slack in Settings.",
  "inbox.start.noChannelsAsk": "No channel is connected yet. Ask an owner or admin to connect one.",
  "inbox.start.whatsappWindow":
    "WhatsApp only accepts free text within 24 hours of the customer's last message: until they write, start with an approved message template.",
  "inbox.start.openExisting": "Open conversation",
  "inbox.start.existing.yours": "There is already a conversation on this channel, handled by you.",
  "inbox.start.existing.unassigned": "There is already a conversation on this channel, not assigned yet.",
  "inbox.start.existing.handledByOpen":
    "There is already a conversation on this channel, handled by {member}.",
  "inbox.start.existing.handledBy":
    "There is already a conversation on this channel, handled by {member}; you cannot open it. Talk to {member}.",
  "inbox.start.existing.hidden":
    "There is already a conversation on this channel, handled by another member; you cannot open it.",
  "inbox.start.existsElsewhere":
    "{name} already has a conversation on this channel, handled by another member.",
} as const;
