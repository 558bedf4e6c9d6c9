import type { paymentsEn } from "./en-payments";

export const paymentsPtBr: { readonly [K in keyof typeof paymentsEn]: string } = {
  "payments.title": "Pagamentos",
  "payments.description": "Links de pagamento enviados aos clientes e o que aconteceu com cada um.",
  "payments.empty.title": "Nenhum pagamento ainda",
  "payments.empty.description":
    "Crie um link de pagamento para um negócio e envie ao cliente. Quando ele tiver pago o valor, o negócio é marcado como ganho.",
  "payments.empty.readOnly": "Os links de pagamento que sua equipe criar para os negócios aparecerão aqui.",
  "payments.noMatch": "Nenhum pagamento corresponde a estes filtros.",
  "payments.filter.status": "Filtrar por situação",
  "payments.filter.anyStatus": "Qualquer situação",
  "payments.filter.provider": "Filtrar por provedor",
  "payments.filter.anyProvider": "Qualquer provedor",
  "payments.filter.clear": "Limpar filtros",

  "payments.status.pending": "Pendente",
  "payments.status.paid": "Pago",
  "payments.status.failed": "Falhou",
  "payments.status.refunded": "Estornado",
  "payments.status.expired": "Expirado",

  "payments.column.status": "Situação",
  "payments.column.amount": "Valor",
  "payments.column.provider": "Provedor",
  "payments.column.deal": "Negócio",
  "payments.column.created": "Criado em",
  "payments.refundedSoFar": "{amount} estornado",

  "payments.link.label": "Link de pagamento",
  "payments.link.copy": "Copiar link",
  "payments.link.copied": "Copiado",
  "payments.link.of": "de {name}",
  "payments.link.open": "Abrir",
  "payments.link.openLabel": "Abrir link de pagamento de {name}",

  "payments.create.open": "Criar link de pagamento",
  "payments.create.title": "Criar um link de pagamento",
  "payments.create.description":
    "O cliente paga na página de checkout do provedor; o negócio é marcado como ganho quando os links pagos somam o valor dele.",
  "payments.create.deal": "Negócio",
  "payments.create.providerFailed":
    "O {provider} não respondeu como esperado ao criar o link. Tente novamente em instantes; se continuar, veja os detalhes técnicos ou teste a integração.",
  "payments.create.technicalDetails": "Detalhes técnicos",
  "payments.create.dealSearch": "Buscar pelo título ou pelo contato",
  "payments.create.dealResults": "Negócios abertos",
  "payments.create.dealNone": "Nenhum negócio aberto encontrado.",
  "payments.create.dealChange": "Trocar",
  "payments.create.noDeals": "Não há negócios abertos. Crie um negócio primeiro e depois cobre aqui.",
  "payments.create.dealValue": "{title} vale {value}.",
  "payments.create.alreadyPaid": "{paid} de {value} já pagos.",
  "payments.create.pendingLink.one":
    "Este negócio já tem um link pendente de {total}, ainda não pago: o valor sugerido o desconta. Se o cliente não vai usá-lo, avise-o ao enviar outro, ou ele pode pagar os dois.",
  "payments.create.pendingLink.other":
    "Este negócio já tem {count} links pendentes, somando {total}, ainda não pagos: o valor sugerido os desconta. Se o cliente não vai usá-los, avise-o ao enviar outro, ou ele pode pagar todos.",
  "payments.create.paidInFull":
    "Este negócio já foi pago por completo: um novo link cobraria o cliente além do valor do negócio.",
  "payments.create.belowRemaining":
    "Menor que o que falta pagar ({remaining}): sozinho, este link pago não marca o negócio como ganho. Ele é ganho quando os links pagos somarem o valor.",
  "payments.create.aboveRemaining":
    "Maior que o que falta pagar ({remaining}): o cliente pagaria além do valor do negócio.",
  "payments.create.amount": "Valor",
  "payments.create.currency": "Moeda",
  "payments.create.provider": "Provedor",
  "payments.create.providerChoose": "Escolha um provedor",
  "payments.create.noProvider":
    "Nenhum provedor de pagamento está conectado, então ainda não é possível criar links de pagamento.",
  "payments.create.noProviderAsk": "Peça a um administrador para conectar o Stripe ou o Mercado Pago.",
  "payments.create.connectProvider": "Conectar Stripe ou Mercado Pago",
  "payments.create.dealLost": "Este negócio está perdido. Reabra-o antes de cobrar.",
  "payments.create.submit": "Criar link",
  "payments.create.zero": "O valor deve ser maior que zero.",
  "payments.create.belowDealValue":
    "Menor que o valor do negócio ({value}): sozinho, este link pago não marca o negócio como ganho. Ele é ganho quando os links pagos somarem o valor.",
  "payments.create.otherCurrencyThanDeal":
    "Fora da moeda do negócio ({currency}): este pagamento não conta para o valor do negócio e não o marca como ganho.",
  "payments.create.currencyHint": "{provider} cobra nesta conta apenas em {currencies}.",
  "payments.create.amountCleared":
    "O valor foi apagado porque a moeda mudou de {from} para {to}: um número em {from} não vale em {to}. Informe o valor em {to}.",
  "payments.create.refused":
    "Não foi possível criar o link. Verifique se o Stripe ou o Mercado Pago está conectado e ativo em Configurações → Integrações e se aceita esta moeda.",
  "payments.create.webhookMissing":
    "Este provedor ainda não pode criar links: falta colar o segredo do webhook dele em Configurações → Integrações. Sem ele, um link pago não fecharia o negócio.",
  "payments.create.providerNotReady": "{provider} (falta o segredo do webhook)",
  "payments.create.notReady":
    "{provider} está conectado, mas ainda não pode criar links: falta colar o segredo do webhook em Configurações → Integrações. Sem ele, um link pago não fecharia o negócio.",
  "payments.create.notReadyAsk": "Peça a um administrador para colar o segredo do webhook.",
  "payments.create.openIntegrations": "Abrir Configurações → Integrações",
  "payments.create.created": "Link de pagamento de {amount} criado. Envie ao seu cliente.",

  "payments.refund.open": "Estornar",
  "payments.refund.openLabel": "Estornar pagamento de {amount}",
  "payments.refund.title": "Estornar pagamento",
  "payments.refund.description": "O dinheiro volta ao cliente pelo provedor.",
  "payments.refund.left": "{amount} de {total} ainda pode ser estornado.",
  "payments.refund.held": "{amount} está sendo estornado ou aguarda a confirmação do provedor.",
  "payments.refund.lostAnswer":
    "A conexão caiu antes da resposta, e o estorno pode já ter sido feito. Clique em Estornar para enviar o mesmo pedido de novo: ele nunca é feito duas vezes.",
  "payments.refund.how": "Quanto",
  "payments.refund.full": "Tudo o que resta",
  "payments.refund.partial": "Uma parte",
  "payments.refund.amount": "Valor a estornar ({currency})",
  "payments.refund.submit": "Estornar",
  "payments.refund.zero": "O estorno deve ser maior que zero.",
  "payments.refund.tooMuch": "Isto é mais do que ainda pode ser estornado.",
  "payments.refund.unconfirmed":
    "O provedor não confirmou o estorno. Ele pode já ter sido feito: o valor fica reservado e o estorno é conferido automaticamente em alguns minutos. Não estorne de novo.",
  "payments.refund.earlierUnconfirmed":
    "Um estorno anterior deste pagamento aguarda a confirmação do provedor. Ele é conferido automaticamente em alguns minutos e registrado uma só vez se foi feito; só depois disso estorne de novo, se ainda restar algo.",

  "payments.deal.title": "Pagamentos",
  "payments.deal.description":
    "Links de pagamento deste negócio. O negócio é marcado como ganho quando os links pagos somam o valor dele.",
  "payments.deal.empty": "Nenhum link de pagamento ainda.",

  "payments.send.title": "Enviar um link de pagamento",
  "payments.send.description": "O link vai para o cliente como uma mensagem nesta conversa.",
  "payments.send.openLinks": "Links de pagamento em aberto",
  "payments.send.send": "Enviar",
  "payments.send.sendLabel": "Enviar link de pagamento de {amount}",
  "payments.send.newLink": "Criar um novo link",
  "payments.send.back": "Voltar",
  "payments.send.sendMessage": "Enviar mensagem",
  "payments.send.chosenLink": "Link de {amount} via {provider}",
  "payments.message.label": "Mensagem para o cliente",
  "payments.message.hint":
    "Enviada como está escrita, com o link na linha de baixo. O título do negócio não é enviado, a menos que você o escreva.",
  "payments.message.preview": "O que o cliente recebe",
  "payments.message.linkPlaceholder": "(o link de pagamento, depois de criado)",
  "payments.send.createAndSend": "Criar e enviar",
  "payments.send.sent":
    "Link pronto; a mensagem com ele está sendo enviada ao cliente. Acompanhe na conversa: se o canal recusar o envio, ela aparece lá como não enviada.",
  "payments.send.refused":
    "Não foi possível enviar o link aqui. A conversa deve ser com o contato do negócio e o link ainda estar aberto.",
};
