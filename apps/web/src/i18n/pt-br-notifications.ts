import type { notificationsEn } from "./en-notifications";
import type { TranslationOf } from "./translate";

export const notificationsPtBr: TranslationOf<typeof notificationsEn> = {
  "notifications.title": "Notificações",
  "notifications.open.zero": "Notificações",
  "notifications.open.one": "Notificações, {count} não lida",
  "notifications.open.other": "Notificações, {count} não lidas",
  "notifications.list": "Notificações mais recentes",
  "notifications.markAllRead": "Marcar todas como lidas",
  "notifications.empty":
    "Nenhuma notificação ainda. Aparecem aqui as conversas atribuídas a você e as menções a você em notas.",
  "notifications.unread": "Não lida",
  "notifications.someone": "Alguém",
  "notifications.aCustomer": "um cliente",
  "notifications.assigned": "{actor} atribuiu a você a conversa com {contact}",
  "notifications.assignedToYou": "A conversa com {contact} foi atribuída a você",
  "notifications.mentioned": "{actor} mencionou você em uma nota na conversa com {contact}",
  "notifications.lostDealPaid.won":
    "{contact} pagou {amount} em um negócio marcado como perdido: agora ele está ganho",
  "notifications.lostDealPaid.stillLost": "{contact} pagou {amount} em um negócio marcado como perdido",

  "notifications.mentions.notified": "Notificação enviada para: {names}.",
  "notifications.mentions.noAccess":
    "{handle} não recebeu notificação: {name} não tem acesso a esta conversa (ela está atribuída a outra pessoa).",
  "notifications.mentions.ambiguous":
    "{handle} não recebeu notificação: pode ser {names}. Escreva o nome completo ou o e-mail.",
  "notifications.mentions.suggestions": "Membros da equipe",
};
