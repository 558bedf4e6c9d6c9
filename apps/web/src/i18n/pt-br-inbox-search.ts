import type { inboxSearchEn } from "./en-inbox-search";
import type { TranslationOf } from "./translate";

export const inboxSearchPtBr: TranslationOf<typeof inboxSearchEn> = {
  "inbox.searchContacts.heading": "Contatos",
  "inbox.searchContacts.noConversation": "{name} não tem conversa que você possa abrir.",
  "inbox.searchContacts.openFailed": "Não foi possível abrir as conversas de {name}.",
  "inbox.searchContacts.openContact": "Abrir o contato",
};
