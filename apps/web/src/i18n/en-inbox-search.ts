/** English for the inbox search's contacts: the customer is looked for before the words. */
export const inboxSearchEn = {
  "inbox.searchContacts.heading": "Contacts",
  "inbox.searchContacts.noConversation": "{name} has no conversation you can open.",
  "inbox.searchContacts.openFailed": "Could not open {name}'s conversations.",
  "inbox.searchContacts.openContact": "Open the contact",
} as const;
