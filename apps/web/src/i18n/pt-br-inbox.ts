import type { inboxEn } from "./en-inbox";
import type { TranslationOf } from "./translate";

export const inboxPtBr: TranslationOf<typeof inboxEn> = {
  "inbox.title": "Caixa de entrada",
  "inbox.conversations": "Conversas",
  "inbox.empty.title": "Nenhuma conversa ainda",
  "inbox.empty.description":
    "Quando clientes escreverem para o seu WhatsApp, Telegram, Slack ou Discord, as mensagens chegam aqui. Conecte um canal nas Configurações para começar.",
  "inbox.empty.action": "Conectar um canal",
  "inbox.empty.askManager":
    "Quando clientes escreverem para o seu WhatsApp, Telegram, Slack ou Discord, as mensagens chegam aqui. Peça a um proprietário ou administrador para conectar um canal.",
  "inbox.noMatch": "Nenhuma conversa corresponde a estes filtros.",
  "inbox.clearFilters": "Limpar filtros",
  "inbox.noneOpen": "Nenhuma conversa aberta.",
  "inbox.showClosed": "Ver conversas encerradas",
  "inbox.pickConversation.title": "Escolha uma conversa",
  "inbox.pickConversation.description": "Escolha uma conversa à esquerda para ler e responder.",
  "inbox.backToList": "Todas as conversas",

  "inbox.filter.status": "Situação",
  "inbox.filter.allStatuses": "Todas as situações",
  "inbox.filter.assignee": "Atribuída a",
  "inbox.filter.everyone": "Todas",
  "inbox.filter.mine": "Minhas",
  "inbox.filter.unassigned": "Sem responsável",
  "inbox.filter.mineAndUnassigned": "Minhas e sem responsável",
  "inbox.filter.counted": "{label} ({n})",
  "inbox.heldUpdates.one": "{count} conversa atualizada — mostrar",
  "inbox.heldUpdates.other": "{count} conversas atualizadas — mostrar",
  "inbox.filter.channel": "Canal",
  "inbox.filter.allChannels": "Todos os canais",

  "inbox.status.open": "Aberta",
  "inbox.status.pending": "Pendente",
  "inbox.status.snoozed": "Adiada",
  "inbox.status.closed": "Encerrada",

  "inbox.channel.whatsapp": "WhatsApp",
  "inbox.channel.telegram": "Telegram",
  "inbox.channel.slack": "Slack",
  "inbox.channel.discord": "Discord",

  "inbox.unread.one": "{count} não lida",
  "inbox.unread.other": "{count} não lidas",
  "inbox.unknownContact": "Contato desconhecido",
  "inbox.noMessagesYet": "Nenhuma mensagem ainda",
  "inbox.assignedTo": "Atribuída a {name}",
  "inbox.snoozedUntil": "Adiada até {date}",

  "inbox.search.label": "Buscar mensagens",
  "inbox.search.placeholder": "Buscar mensagens e contatos…",
  "inbox.search.noResults": "Nenhuma mensagem encontrada para “{q}”.",
  "inbox.search.results": "Mensagens com “{q}”",
  "inbox.search.sort": "Ordem dos resultados",
  "inbox.search.sort.recent": "Mais recentes",
  "inbox.search.sort.relevance": "Mais relevantes",

  "inbox.thread.label": "Conversa com {name}",
  "inbox.thread.loadEarlier": "Carregar mensagens anteriores",
  "inbox.thread.newMessages": "Novas mensagens",
  "inbox.thread.announce": "Nova mensagem de {name}: {text}",
  "inbox.thread.announceAttachment": "Nova mensagem de {name}, com um anexo.",
  "inbox.thread.empty": "Nenhuma mensagem nesta conversa ainda.",
  "inbox.thread.privateNote": "Nota privada",
  "inbox.thread.deleted": "Esta mensagem foi apagada.",
  "inbox.thread.image": "Imagem",
  "inbox.thread.file": "Arquivo",
  "inbox.thread.mediaPending": "O anexo ainda está sendo baixado.",
  "inbox.thread.mediaFailed": "Não foi possível baixar o anexo.",
  "inbox.thread.unsupported": "Este tipo de mensagem não pode ser exibido aqui.",
  "inbox.thread.typing.one": "{names} está digitando…",
  "inbox.thread.typing.other": "{names} estão digitando…",
  "inbox.thread.today": "Hoje",
  "inbox.thread.yesterday": "Ontem",
  "inbox.thread.template": "Modelo “{name}” ({language})",
  "inbox.thread.templateWithParameters": "Modelo “{name}” ({language}): {parameters}",
  "inbox.thread.templateRefused.parameterCount":
    "O WhatsApp recusou o modelo: o número de parâmetros não é o que o modelo aprovado espera. Corrija os parâmetros e reenvie.",
  "inbox.thread.templateRefused.missingTemplate":
    "O WhatsApp recusou o modelo: não há modelo aprovado com esse nome nesse idioma. Confira o nome e o idioma no WhatsApp Manager e reenvie.",
  "inbox.thread.fixAndResend": "Corrigir e reenviar",
  "inbox.thread.retry": "Tentar de novo",
  "inbox.thread.notSent": "Não foi enviada.",
  "inbox.lastMessageFailed": "Não enviada",
  "inbox.thread.failure.credentials":
    "O {channel} recusou o acesso do CRM: peça a um administrador para reconectar o canal em Integrações.",
  "inbox.thread.failure.unreachable":
    "Não foi possível falar com o {channel} agora. Tente de novo em instantes.",
  "inbox.thread.failure.unconfirmed":
    "O {channel} não confirmou o envio, e a mensagem pode ter chegado ao cliente. Confira com ele antes de tentar de novo.",
  "inbox.thread.failure.interrupted":
    "O envio pelo {channel} foi interrompido, e a mensagem pode ter chegado ao cliente. Confira com ele antes de tentar de novo.",
  "inbox.thread.failure.refused": "O {channel} não aceitou a mensagem.",
  "inbox.thread.failure.unknown": "Não foi possível enviar a mensagem pelo {channel}. Tente de novo.",
  "inbox.thread.failure.details": "Detalhes técnicos",

  "inbox.delivery.pending": "Enviando",
  "inbox.delivery.sent": "Enviada",
  "inbox.delivery.delivered": "Entregue",
  "inbox.delivery.read": "Lida",
  "inbox.delivery.failed": "Não entregue",

  "inbox.composer.label": "Mensagem",
  "inbox.composer.placeholder": "Escreva uma resposta… (Enter envia, Shift+Enter quebra a linha)",
  "inbox.composer.notePlaceholder": "Escreva uma nota privada para a equipe…",
  "inbox.composer.privateNote": "Nota privada",
  "inbox.composer.send": "Enviar",
  "inbox.composer.addNote": "Adicionar nota",
  "inbox.composer.readOnly": "Você pode ler esta conversa, mas seu perfil não pode respondê-la.",
  "inbox.composer.replyTakes": "Ao responder, a conversa passa a ser sua.",
  "inbox.accessLost.assignedTo": "Esta conversa foi atribuída a {name}; você não pode mais vê-la.",
  "inbox.accessLost.someoneElse": "Esta conversa foi atribuída a outra pessoa; você não pode mais vê-la.",
  "inbox.noAccess": "Você não tem acesso a esta conversa, ou ela foi apagada.",

  "inbox.composer.windowClosed":
    "Já se passaram mais de 24 horas desde a última mensagem do cliente. O WhatsApp só aceita texto livre depois que o cliente escrever de novo, mas um modelo de mensagem aprovado é entregue a qualquer momento. Você ainda pode adicionar notas privadas.",

  "inbox.actions.label": "Ações da conversa",
  "inbox.actions.assign": "Atribuir",
  "inbox.actions.assignToMe": "Atribuir a mim",
  "inbox.actions.unassign": "Remover responsável",
  "inbox.actions.taken": "Outra pessoa assumiu esta conversa antes de você.",
  "inbox.actions.snooze": "Adiar",
  "inbox.actions.close": "Encerrar",
  "inbox.actions.reopen": "Reabrir",
  "inbox.actions.markPending": "Marcar como pendente",
  "inbox.actions.markOpen": "Marcar como aberta",

  "inbox.snooze.title": "Adiar conversa",
  "inbox.snooze.description": "Ela sai da lista de abertas e volta na hora escolhida.",
  "inbox.snooze.oneHour": "Daqui a 1 hora",
  "inbox.snooze.tomorrow": "Amanhã às 9:00",
  "inbox.snooze.nextWeek": "Próxima segunda às 9:00",
  "inbox.snooze.until": "Até",
  "inbox.snooze.submit": "Adiar",
  "inbox.snooze.future": "Escolha um horário no futuro.",
  "inbox.snooze.done": "Conversa adiada até {date}.",
  "inbox.snooze.undo": "Desfazer",
  "inbox.snooze.undoneOpen": "Adiamento desfeito: a conversa está aberta de novo.",
  "inbox.snooze.undonePending": "Adiamento desfeito: a conversa está pendente de novo.",
  "inbox.snooze.undoChanged": "A conversa mudou depois de adiada, então o adiamento não foi desfeito.",

  "inbox.contact.title": "Contato",
  "inbox.contact.none": "Esta conversa não está ligada a um contato.",
  "inbox.contact.open": "Abrir página do contato",
  "inbox.contact.deals": "Negócios",
  "inbox.contact.noDeals": "Nenhum negócio com este contato ainda.",
  "inbox.contact.createDeal": "Criar negócio",
  "inbox.contact.sendPaymentLink": "Enviar link de pagamento",
  "inbox.contact.stage": "Etapa",
  "inbox.contact.stageOf": "Etapa de “{title}”",
  "inbox.contact.moveFailed": "Não foi possível mover “{title}” para {to}, então ele voltou para {from}.",
  "inbox.contact.changedElsewhere":
    "Alguém alterou este negócio nesse meio-tempo; o painel agora mostra a versão dessa pessoa. Escolha a etapa de novo se ainda precisar mover.",

  "inbox.errors.whatsappWindow":
    "O WhatsApp só aceita respostas até 24 horas depois da última mensagem do cliente. Envie um modelo de mensagem, espere o cliente escrever de novo ou adicione uma nota privada.",
  "inbox.errors.noLongerVisible":
    "Esta conversa não está mais visível para você: foi atribuída a outra pessoa ou apagada. Sua mensagem não foi enviada.",
  "inbox.errors.channelUnavailable":
    "Este canal não pode enviar mensagens agora. Verifique nas Configurações se a integração está conectada e ativa.",
  "inbox.composer.windowNotOpened":
    "O cliente ainda não escreveu nesta conversa do WhatsApp. O WhatsApp só aceita texto livre até 24 horas depois da última mensagem do cliente, então comece com um modelo de mensagem aprovado. Você ainda pode adicionar notas privadas.",
  "inbox.errors.whatsappNotOpened":
    "O WhatsApp recusou o texto livre: o cliente ainda não escreveu nesta conversa, e o WhatsApp só o aceita até 24 horas depois da última mensagem do cliente. Envie um modelo de mensagem ou adicione uma nota privada.",
  "inbox.errors.tooLong":
    "Uma mensagem do {channel} aceita no máximo {max} caracteres, e esta tem {count}. Encurte o texto ou divida-o em mais de uma mensagem; seu texto continua aqui.",
  "inbox.errors.noteTooLong":
    "Uma nota privada aceita no máximo {max} caracteres, e esta tem {count}. Encurte o texto ou divida-o em mais de uma nota; seu texto continua aqui.",
  "inbox.errors.textRefused": "A mensagem não foi enviada: {reason}",

  "inbox.template.open": "Enviar modelo",
  "inbox.template.title": "Enviar um modelo de mensagem",
  "inbox.template.description":
    "O WhatsApp entrega modelos aprovados a qualquer momento, mesmo fora da janela de 24 horas. Digite o nome e o idioma do modelo exatamente como aprovados no WhatsApp Manager.",
  "inbox.template.name": "Nome do modelo",
  "inbox.template.nameHint": "Letras minúsculas, números e sublinhados, ex.: pedido_enviado",
  "inbox.template.nameInvalid": "Use só letras minúsculas, números e sublinhados (até 512).",
  "inbox.template.language": "Idioma",
  "inbox.template.languageHint": "O código da tradução aprovada, ex.: pt_BR ou en_US",
  "inbox.template.languageInvalid": "Use um código como pt_BR, en_US ou es.",
  "inbox.template.parameters": "Parâmetros do corpo",
  "inbox.template.parametersHint":
    "Um por linha: o primeiro preenche a primeira variável do modelo, e assim por diante. Deixe vazio se ele não tiver nenhuma.",
  "inbox.template.parametersInvalid":
    "No máximo 20 parâmetros, cada um com até 1024 caracteres e sem mais de 4 espaços seguidos.",
  "inbox.template.submit": "Enviar modelo",

  "inbox.start.open": "Nova conversa",
  "inbox.start.openWith": "Iniciar uma conversa com {name}",
  "inbox.start.title": "Nova conversa com {name}",
  "inbox.start.description": "Escolha o canal; você escreve a primeira mensagem na conversa.",
  "inbox.start.channel": "Canal",
  "inbox.start.submit": "Iniciar conversa",
  "inbox.start.unavailable.customerStarts":
    "Conversas no {channel} começam quando o cliente escreve para você.",
  "inbox.start.unavailable.noPhone": "{name} não tem telefone.",
  "inbox.start.unavailable.neverWrote": "{name} nunca escreveu para você no {channel}.",
  "inbox.start.noneUsable": "Nenhum dos seus canais alcança {name} ainda.",
  "inbox.start.noChannels":
    "Nenhum canal está conectado ainda. Conecte WhatsApp, Telegram ou Slack nas Configurações.",
  "inbox.start.noChannelsAsk":
    "Nenhum canal está conectado ainda. Peça a um proprietário ou administrador para conectar um.",
  "inbox.start.whatsappWindow":
    "O WhatsApp só aceita texto livre até 24 horas depois da última mensagem do cliente: até o cliente escrever, comece com um modelo de mensagem aprovado.",
  "inbox.start.openExisting": "Abrir conversa",
  "inbox.start.existing.yours": "Já existe uma conversa neste canal, atendida por você.",
  "inbox.start.existing.unassigned": "Já existe uma conversa neste canal, ainda sem responsável.",
  "inbox.start.existing.handledByOpen": "Já existe uma conversa neste canal, atendida por {member}.",
  "inbox.start.existing.handledBy":
    "Já existe uma conversa neste canal, atendida por {member}; você não pode abri-la. Fale com {member}.",
  "inbox.start.existing.hidden":
    "Já existe uma conversa neste canal, atendida por outro membro; você não pode abri-la.",
  "inbox.start.existsElsewhere": "{name} já tem uma conversa neste canal, atendida por outro membro.",
};
