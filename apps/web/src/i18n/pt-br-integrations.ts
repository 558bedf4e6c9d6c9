import type { integrationsEn } from "./en-integrations";

export const integrationsPtBr: { readonly [K in keyof typeof integrationsEn]: string } = {
  "settings.tabs.integrations": "Integrações",

  "integrations.title": "Integrações conectadas",
  "integrations.description":
    "Canais de mensagem trazem as mensagens dos clientes para a caixa de entrada; provedores de pagamento cobram os links de pagamento.",
  "integrations.managersOnly": "Somente proprietários e administradores podem ver e conectar integrações.",
  "integrations.empty.title": "Nada conectado ainda",
  "integrations.empty.description":
    "Conecte WhatsApp, Telegram, Slack ou Discord para responder clientes pela caixa de entrada, e Stripe ou Mercado Pago para enviar links de pagamento.",
  "integrations.add.title": "Conectar uma integração",
  "integrations.add.description": "Escolha um canal ou um provedor de pagamento e cole as credenciais.",
  "integrations.add.channels": "Canais de mensagem",
  "integrations.add.payments": "Provedores de pagamento",
  "integrations.add.connect": "Conectar {kind}",

  "integrations.kind.channel": "Canal",
  "integrations.kind.payment": "Pagamentos",
  "integrations.status.active": "Ativa",
  "integrations.status.disabled": "Desativada",
  "integrations.status.testFailed": "Teste falhou",
  "integrations.status.notTested": "Ainda não testada",
  "integrations.status.testedAt": "Testada {date}",
  "integrations.webhookUrl": "URL do webhook",
  "integrations.webhookUrlHint": "Cole esta URL nas configurações de webhook do provedor.",
  "integrations.webhookUrlOf": "a URL do webhook de {name}",
  "integrations.lastFailed": "O último teste falhou.",
  "integrations.test.failedLead": "O teste falhou.",
  "integrations.providerDetail": "Detalhe do provedor:",
  "integrations.providerError.httpsRequired":
    "O provedor exige um endereço público HTTPS para o webhook: defina PUBLIC_URL com o endereço https:// da API e clique em Testar para registrar o webhook de novo.",
  "integrations.providerError.credentials": "O provedor recusou as credenciais: confira-as em Editar.",
  "integrations.providerError.webhookNotRegistered":
    "O provedor não aceitou registrar o webhook neste endereço.",
  "integrations.providerError.unknown": "O provedor recusou o pedido.",

  "integrations.actions.test": "Testar",
  "integrations.actions.edit": "Editar",
  "integrations.actions.disable": "Desativar",
  "integrations.actions.enable": "Ativar",
  "integrations.actions.delete": "Excluir",
  "integrations.actions.logs": "Log de webhooks",
  "integrations.disable.title": "Desativar {name}?",
  "integrations.disable.channel":
    "Nada pode ser enviado por ela enquanto estiver desativada. As mensagens que os clientes enviarem nesse meio-tempo ficam guardadas no log de webhooks e são entregues na caixa de entrada, na ordem em que chegaram, quando você ativá-la de novo.",
  "integrations.disable.discord":
    "Nada pode ser enviado por ela enquanto estiver desativada, e as mensagens que os clientes escreverem no Discord nesse meio-tempo não são recebidas: o Discord só as entrega a um bot conectado.",
  "integrations.disable.payment":
    "Nenhum link de pagamento pode ser criado com ela enquanto estiver desativada. Os pagamentos de links já enviados continuam sendo recebidos e registrados.",
  "integrations.disable.confirm": "Desativar",
  "integrations.enabled.released.one":
    "Ativada. A {count} entrega recebida enquanto ela estava desativada está sendo processada agora.",
  "integrations.enabled.released.other":
    "Ativada. As {count} entregas recebidas enquanto ela estava desativada estão sendo processadas agora, na ordem em que chegaram.",
  "integrations.test.ok": "A conexão funciona. O provedor reconhece estas credenciais como {identity}.",
  "integrations.test.okUnnamed": "A conexão funciona: o provedor aceita estas credenciais.",
  "integrations.test.mode.test":
    "São credenciais de teste: os links de pagamento criados com elas não cobram ninguém.",
  "integrations.test.mode.live":
    "São credenciais de produção: os links de pagamento criados com elas cobram de verdade.",
  "integrations.test.failed": "O provedor recusou estas credenciais: {error}",

  "integrations.form.connectTitle": "Conectar {kind}",
  "integrations.form.editTitle": "Editar {name}",
  "integrations.form.description":
    "As credenciais são criptografadas antes de serem guardadas e nunca mais são exibidas.",
  "integrations.form.name": "Nome",
  "integrations.form.namePlaceholder": "ex.: {kind} vendas",
  "integrations.form.nameHint":
    "Como sua equipe vai reconhecê-la na caixa de entrada e nestas configurações.",
  "integrations.form.keepHint": "Guardado: {value}. Deixe em branco para manter.",
  "integrations.form.connect": "Conectar",
  "integrations.form.save": "Salvar alterações",
  "integrations.form.connected": "{name} está conectada. Cole a URL do webhook no {kind} e clique em Testar.",
  "integrations.form.connectedTelegram":
    "{name} está conectada e o webhook foi registrado no Telegram. Clique em Testar para conferir se o Telegram entrega as mensagens.",
  "integrations.form.connectedTelegramFailed":
    "{name} está conectada, mas o Telegram não aceitou o webhook (veja o motivo abaixo). Corrija e clique em Testar para registrá-lo de novo.",
  "integrations.form.connectedPayment":
    "{name} está conectada. Agora crie um webhook no {kind} com a URL exibida abaixo, clique em Editar e cole o segredo dele.",
  "integrations.webhookUrlHint.telegram": "Registrada no Telegram automaticamente: não há nada para colar.",
  "integrations.webhookUrlHint.telegramFailed":
    "Ainda não registrada no Telegram: resolva o problema acima e clique em Testar para registrá-la de novo.",
  "integrations.webhookPending":
    "Webhook ainda não configurado. No {kind}, crie um webhook com a URL abaixo, clique em Editar e cole “{field}”. Até lá, os pagamentos não são confirmados e não é possível criar links de pagamento.",

  "integrations.delete.title": "Excluir {name}?",
  "integrations.delete.description":
    "Mensagens e pagamentos deixam de chegar por ela, e as mensagens guardadas enquanto estava desativada não são entregues. Suas conversas e o log de webhooks são mantidos.",
  "integrations.delete.confirm": "Excluir integração",
  "integrations.delete.checkingLinks": "Verificando links de pagamento pendentes…",
  "integrations.delete.paymentLinks.zero":
    "Ela não tem links de pagamento pendentes. Pagamentos deixam de chegar por ela; seus pagamentos e o log de webhooks são mantidos.",
  "integrations.delete.paymentLinks.one":
    "Seu {count} link de pagamento pendente será expirado no provedor antes, para que o cliente não possa mais pagá-lo. Seus pagamentos e o log de webhooks são mantidos.",
  "integrations.delete.paymentLinks.other":
    "Seus {count} links de pagamento pendentes serão expirados no provedor antes, para que os clientes não possam mais pagá-los. Seus pagamentos e o log de webhooks são mantidos.",
  "integrations.delete.linksNotExpired":
    "O provedor não expirou todos os links de pagamento pendentes, então a integração foi mantida (os links que ele expirou continuam expirados). Tente novamente em instantes; um link que o cliente já pagou é registrado quando o provedor nos avisar.",
  "integrations.delete.paymentsAwaiting":
    "Um pagamento por esta integração ainda aguarda o cliente (como um boleto ou Pix), ou um link acabou de ser criado com ela. A integração foi mantida: tente novamente quando esse pagamento for pago ou expirar.",

  "integrations.logs.title": "Log de webhooks de {name}",
  "integrations.logs.description":
    "Cada entrega enviada pelo provedor, da mais recente para a mais antiga. Uma entrega com falha pode ser processada de novo.",
  "integrations.logs.caption": "Entregas de webhook",
  "integrations.logs.filter": "Filtrar por status",
  "integrations.logs.allStatuses": "Todos os status",
  "integrations.logs.received": "Recebido",
  "integrations.logs.status": "Status",
  "integrations.logs.event": "Evento",
  "integrations.logs.attempts": "Tentativas",
  "integrations.logs.error": "Erro",
  "integrations.logs.retry": "Tentar de novo",
  "integrations.logs.retryLabel": "Tentar de novo a entrega recebida em {date}",
  "integrations.logs.empty": "Nenhuma entrega ainda. Elas aparecem aqui assim que o provedor enviar uma.",
  "integrations.logs.noMatch": "Nenhuma entrega com este status.",
  "integrations.logs.gateway": "Gateway",
  "integrations.logs.status.pending": "Pendente",
  "integrations.logs.status.success": "Processada",
  "integrations.logs.status.failed": "Falhou",
  "integrations.logs.status.retrying": "Reprocessando",
  "integrations.logs.status.held": "Recebida com a integração desativada",
  "integrations.logs.heldHint": "Guardada; será processada quando a integração for ativada de novo.",

  "integrations.error.digits": "Somente dígitos, como o provedor mostra.",
  "integrations.error.hex64": "64 caracteres entre 0-9 e a-f.",
  "integrations.error.token": "De 8 a 512 caracteres, sem espaços.",
  "integrations.error.telegramBotToken": "O token que o BotFather deu, como 123456:ABC-DEF…",
  "integrations.error.telegramSecret": "De 16 a 256 caracteres: letras, dígitos, _ ou -.",
  "errors.integrationTaken": "Esta conta já está conectada, aqui ou em outra organização.",
  "integrations.error.whatsappNumberNotReadable":
    "O WhatsApp diz que este token de acesso não pode usar este ID do número de telefone. Confira os dois no WhatsApp Manager.",
  "integrations.error.providerUnreachable":
    "O provedor não respondeu quando pedimos que conferisse estas credenciais. Nada foi salvo: tente novamente em instantes.",

  "integrations.field.whatsapp.phoneNumberId": "ID do número de telefone",
  "integrations.hint.whatsapp.phoneNumberId":
    "WhatsApp Manager → Configuração da API. As mensagens recebidas são roteadas por ele.",
  "integrations.field.whatsapp.accessToken": "Token de acesso",
  "integrations.hint.whatsapp.accessToken":
    "Um token permanente de um usuário do sistema com whatsapp_business_messaging.",
  "integrations.field.whatsapp.appSecret": "Chave secreta do app",
  "integrations.hint.whatsapp.appSecret": "Configurações do app → Básico. Ela assina cada webhook.",
  "integrations.field.whatsapp.verifyToken": "Token de verificação",
  "integrations.hint.whatsapp.verifyToken":
    "Qualquer texto à sua escolha; cole o mesmo no campo Verificar token do webhook.",
  "integrations.field.telegram.botToken": "Token do bot",
  "integrations.hint.telegram.botToken": "O token que o BotFather deu, como 123456:ABC-DEF…",
  "integrations.field.telegram.secretToken": "Token secreto",
  "integrations.hint.telegram.secretToken":
    "De 16 a 256 letras, dígitos, _ ou -, à sua escolha: registramos o webhook no Telegram com ele (setWebhook).",
  "integrations.field.slack.botToken": "Token do bot",
  "integrations.hint.slack.botToken": "Bot User OAuth Token (xoxb-…), com chat:write e files:read.",
  "integrations.field.slack.signingSecret": "Signing secret",
  "integrations.hint.slack.signingSecret": "Basic Information → App Credentials.",
  "integrations.field.discord.applicationId": "ID do aplicativo",
  "integrations.hint.discord.applicationId": "General Information do seu aplicativo no Discord.",
  "integrations.field.discord.publicKey": "Chave pública",
  "integrations.hint.discord.publicKey": "General Information; ela verifica as interações.",
  "integrations.field.discord.botToken": "Token do bot",
  "integrations.hint.discord.botToken": "Bot → Reset Token. O bot precisa do intent Message Content.",
  "integrations.field.stripe.secretKey": "Chave secreta",
  "integrations.hint.stripe.secretKey": "Desenvolvedores → Chaves de API (sk_live_… ou sk_test_…).",
  "integrations.field.stripe.webhookSecret": "Segredo de assinatura do webhook",
  "integrations.hint.stripe.webhookSecret":
    "Opcional por enquanto: depois de conectar, crie um endpoint de webhook no Stripe com a URL exibida, clique em Editar e cole o segredo whsec_… dele.",
  "integrations.field.mercadopago.accessToken": "Token de acesso",
  "integrations.hint.mercadopago.accessToken":
    "Sua aplicação → Credenciais de produção → Access Token (o token de acesso).",
  "integrations.field.mercadopago.webhookSecret": "Assinatura secreta do webhook",
  "integrations.hint.mercadopago.webhookSecret":
    "Opcional por enquanto: depois de conectar, adicione a URL exibida em Webhooks, clique em Editar e cole a assinatura secreta mostrada para ela.",
};
