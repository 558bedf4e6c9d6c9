import { accountPtBr } from "./pt-br-account";
import { agendaPtBr } from "./pt-br-agenda";
import { companiesPtBr } from "./pt-br-companies";
import { contactsPtBr } from "./pt-br-contacts";
import { dealListPtBr } from "./pt-br-deal-list";
import { dealsPtBr } from "./pt-br-deals";
import { inboxPtBr } from "./pt-br-inbox";
import { inboxSearchPtBr } from "./pt-br-inbox-search";
import { integrationsPtBr } from "./pt-br-integrations";
import { notificationsPtBr } from "./pt-br-notifications";
import { outgoingWebhooksPtBr } from "./pt-br-outgoing-webhooks";
import { paymentsPtBr } from "./pt-br-payments";
import type { Messages } from "./translate";

export const ptBR: Messages = {
  ...accountPtBr,
  ...agendaPtBr,
  ...companiesPtBr,
  ...contactsPtBr,
  ...dealsPtBr,
  ...dealListPtBr,
  ...inboxPtBr,
  ...inboxSearchPtBr,
  ...integrationsPtBr,
  ...notificationsPtBr,
  ...outgoingWebhooksPtBr,
  ...paymentsPtBr,
  "common.actions": "Ações",
  "common.cancel": "Cancelar",
  "common.close": "Fechar",
  "common.done": "Concluir",
  "common.language": "Idioma",
  "common.loadMore": "Carregar mais",
  "common.loading": "Carregando…",
  "common.saveChanges": "Salvar alterações",
  "common.tryAgain": "Tentar novamente",
  "common.refreshFailed": "Não foi possível atualizar: mostrando o que já estava carregado.",
  "common.loadMoreFailed": "Não foi possível carregar mais: mostrando o que já estava carregado.",
  "common.edit": "Editar",
  "common.dismiss": "Fechar aviso",
  "common.yes": "Sim",
  "common.no": "Não",

  "colors.gray": "Cinza",
  "colors.red": "Vermelho",
  "colors.orange": "Laranja",
  "colors.yellow": "Amarelo",
  "colors.green": "Verde",
  "colors.teal": "Verde-azulado",
  "colors.blue": "Azul",
  "colors.indigo": "Anil",
  "colors.purple": "Roxo",
  "colors.pink": "Rosa",

  "record.missing": "Este registro não existe mais",

  "form.showPassword": "Mostrar senha",

  "auth.email": "E-mail",
  "auth.workEmail": "E-mail profissional",
  "auth.name": "Seu nome",
  "auth.password": "Senha",
  "auth.passwordHint": "Pelo menos 10 caracteres.",
  "auth.backToLogin": "Voltar para o login",

  "auth.login.title": "Entrar",
  "auth.login.description": "Que bom ver você de novo. Entre para atender seus clientes.",
  "auth.login.forgot": "Esqueceu a senha?",
  "auth.login.submit": "Entrar",
  "auth.login.noAccount": "Novo no CRM Manager?",
  "auth.login.toSignup": "Crie uma conta",
  "auth.sessionEnded.signed_out": "Sua sessão terminou. Entre novamente para continuar.",
  "auth.sessionEnded.logged_out": "Você saiu da conta em outra aba. Entre novamente para continuar.",
  "auth.sessionEnded.password_reset":
    "Sua senha foi alterada e todas as suas sessões foram encerradas. Entre com a nova senha.",
  "auth.sessionEnded.role_changed": "Seu acesso mudou; entre novamente.",
  "auth.sessionEnded.removed": "Você não tem mais acesso a esta organização.",

  "auth.signup.title": "Crie sua conta",
  "auth.signup.description": "Configure sua organização e comece a conversar com clientes em minutos.",
  "auth.signup.organizationName": "Nome da empresa",
  "auth.signup.submit": "Criar conta",
  "auth.signup.tryLogin": "Tente entrar.",
  "auth.signup.haveAccount": "Já tem uma conta?",
  "auth.signup.toLogin": "Entrar",

  "auth.forgot.title": "Redefinir sua senha",
  "auth.forgot.description":
    "Informe o e-mail que você usa para entrar e enviaremos um link para escolher uma nova senha.",
  "auth.forgot.submit": "Enviar link de redefinição",
  "auth.forgot.sent":
    "Se existir uma conta para {email}, um link para redefinir a senha está a caminho. Confira sua caixa de entrada e o spam.",
  "auth.forgot.unavailable":
    "Não conseguimos enviar o e-mail de redefinição agora. Nada foi enviado: tente novamente em alguns minutos.",

  "auth.reset.title": "Escolha uma nova senha",
  "auth.reset.description": "Escolha uma senha que você não use em nenhum outro lugar.",
  "auth.reset.newPassword": "Nova senha",
  "auth.reset.submit": "Salvar nova senha",
  "auth.reset.requestNew": "Pedir um novo link",
  "auth.reset.unusable":
    "Este link de redefinição não pode mais ser usado: é inválido, expirou ou já foi usado.",
  "auth.reset.done": "Sua senha foi alterada. Agora você já pode entrar com ela.",

  "auth.invitation.title": "Entre para a sua equipe",
  "auth.invitation.description": "Você foi convidado para o CRM Manager. Diga seu nome e escolha uma senha.",
  "auth.invitation.submit": "Entrar na equipe",
  "auth.invitation.invitedBy": "{inviter} convidou você para entrar em {organization} como {role}.",
  "auth.invitation.invited": "Você foi convidado para entrar em {organization} como {role}.",
  "auth.invitation.chooseNameAndPassword": "Diga seu nome e escolha uma senha.",
  "auth.invitation.unusable":
    "Este link de convite não pode mais ser usado: ele já foi aceito, foi revogado ou expirou. Se você já entrou na equipe, faça login; se não, peça um novo convite a quem convidou você.",

  "realtime.reconnecting": "Reconectando…",
  "realtime.offline":
    "Sem conexão com a internet: a conversa não se atualiza e nada é enviado até ela voltar.",

  "nav.label": "Principal",
  "nav.skipToContent": "Pular para o conteúdo",
  "nav.inbox": "Caixa de entrada",
  "nav.contacts": "Contatos",
  "nav.companies": "Empresas",
  "nav.deals": "Negócios",
  "nav.payments": "Pagamentos",
  "nav.settings": "Configurações",
  "nav.more": "Mais",
  "nav.unread.one": "{count} conversa não lida",
  "nav.unread.other": "{count} conversas não lidas",

  "userMenu.label": "Menu da conta:",
  "userMenu.open": "{initials}: menu da conta de {name}",
  "userMenu.logout": "Sair",

  "comingSoon.title": "Esta tela está a caminho",
  "comingSoon.badge": "Em breve",
  "comingSoon.inbox":
    "As conversas do WhatsApp, Telegram, Discord e Slack chegarão aqui, em uma caixa de entrada compartilhada. Ainda não está disponível.",

  "settings.title": "Configurações",
  "settings.description":
    "Gerencie sua organização, equipe, funis de venda, campos de contato e integrações.",
  "settings.tabs.label": "Seções das configurações",
  "settings.tabs.organization": "Organização",
  "settings.tabs.team": "Equipe",
  "settings.tabs.apiKeys": "Chaves de API",
  "settings.tabs.pipelines": "Funis",
  "settings.tabs.customFields": "Campos personalizados",
  "settings.tabs.tags": "Tags",
  "settings.readOnly": "Apenas proprietários e administradores podem alterar estas configurações.",
  "settings.saved": "Alterações salvas.",

  "settings.organization.title": "Organização",
  "settings.organization.description": "O nome da sua organização e os padrões com que sua equipe trabalha.",
  "settings.organization.name": "Nome da organização",
  "settings.organization.slug": "Nome curto (slug)",
  "settings.organization.slugHint":
    "Um nome curto que identifica sua organização, único entre todas. Letras minúsculas, números e hífens.",
  "settings.organization.currency": "Moeda padrão",
  "settings.organization.timezone": "Fuso horário",
  "settings.organization.timezoneHint":
    "Usado apenas nos horários da exportação de contatos em CSV (coluna created_at) enquanto o idioma padrão for português. As telas mostram os horários no fuso do aparelho de cada pessoa.",
  "settings.organization.retention": "Retenção de dados (dias)",
  "settings.organization.retentionHint":
    "Conversas mais antigas que isso são excluídas. Entre {min} e {max} dias.",
  "settings.organization.locale": "Idioma padrão",
  "settings.organization.localeHint": "Usado nas mensagens enviadas em nome da sua organização.",

  "roles.owner": "Proprietário",
  "roles.admin": "Administrador",
  "roles.agent": "Agente",
  "roles.viewer": "Leitor",
  "roles.abilities.owner":
    "Proprietários podem fazer tudo, inclusive cobrança, reembolsos e remover membros.",
  "roles.abilities.admin":
    "Administradores podem fazer tudo, menos cobrança, reembolsos e remover membros: configurações, convites, integrações e exclusão de registros.",
  "roles.abilities.agent":
    "Agentes respondem conversas e trabalham com contatos, negócios e links de pagamento, mas não excluem registros nem alteram configurações, equipe ou integrações.",
  "roles.abilities.viewer":
    "Leitores só consultam conversas, contatos, negócios e pagamentos; não alteram nada.",

  "team.name": "Nome",
  "team.role": "Função",
  "team.roleOf": "Função de {name}",
  "team.lastActive": "Último acesso",
  "team.never": "Nunca",
  "team.you": "(você)",
  "team.members.title": "Membros",
  "team.members.description": "Todas as pessoas com acesso a esta organização.",
  "team.invite.title": "Convide alguém da equipe",
  "team.invite.description": "A pessoa receberá um e-mail com um link para entrar. O link vale por 7 dias.",
  "team.invite.emailPlaceholder": "nome@empresa.com.br",
  "team.invite.submit": "Enviar convite",
  "team.invite.sent": "Convite enviado para {email}.",
  "team.invite.resent":
    "Convite reenviado para {email}. Ele substitui o pendente: o link anterior não funciona mais.",
  "team.invite.replaced":
    "Convite enviado para {email} como {role}. Ele substitui o convite pendente como {previous}, cujo link não funciona mais.",
  "team.invite.unavailable":
    "Não conseguimos enviar o e-mail de convite agora. Ninguém foi convidado e um convite pendente continua valendo: tente novamente em alguns minutos.",
  "team.changeRole.title": "Alterar o perfil de {name}?",
  "team.changeRole.description":
    "{name} passará a ser {role}. As sessões dessa pessoa terminam agora: ela entra de novo para continuar, já com o novo perfil.",
  "team.changeRole.releases.one":
    "A conversa aberta atribuída a {name} volta para a fila, sem responsável, para outra pessoa da equipe responder.",
  "team.changeRole.releases.other":
    "As {count} conversas abertas atribuídas a {name} voltam para a fila, sem responsável, para outras pessoas da equipe responderem.",
  "team.changeRole.releasesMore":
    "Mais de {count} conversas abertas atribuídas a {name} voltam para a fila, sem responsável, para outras pessoas da equipe responderem.",
  "team.changeRole.confirm": "Alterar perfil",
  "team.remove.label": "Remover {name}",
  "team.remove.title": "Remover membro?",
  "team.remove.description": "{name} perderá o acesso a esta organização imediatamente.",
  "team.remove.confirm": "Remover",
  "team.invitations.title": "Convites pendentes",
  "team.invitations.description": "Convites que ainda não foram aceitos.",
  "team.invitations.empty": "Nenhum convite pendente.",
  "team.invitations.status": "Situação",
  "team.invitations.expires": "Expira em {date}",
  "team.invitations.expired": "Expirado",
  "team.invitations.revoke": "Revogar",
  "team.invitations.revokeLabel": "Revogar convite de {email}",
  "team.invitations.revokeTitle": "Revogar convite?",
  "team.invitations.revokeDescription": "O link enviado para {email} deixará de funcionar.",

  "apiKeys.title": "Chaves de API",
  "apiKeys.description":
    "As chaves permitem que seus próprios sistemas usem a API do CRM Manager. Cada chave age com a função que você definir.",
  "apiKeys.managersOnly": "Apenas proprietários e administradores podem gerenciar chaves de API.",
  "apiKeys.name": "Nome",
  "apiKeys.namePlaceholder": "ex.: Integração do site",
  "apiKeys.roleHint": "O que a chave pode fazer. Dê apenas o necessário.",
  "apiKeys.createdAt": "Criada em",
  "apiKeys.lastUsed": "Último uso",
  "apiKeys.revoked": "Revogada",
  "apiKeys.revoke": "Revogar",
  "apiKeys.revokeLabel": "Revogar a chave {name}",
  "apiKeys.revokeTitle": "Revogar chave de API?",
  "apiKeys.revokeDescription":
    "Tudo o que usa “{name}” deixará de funcionar na hora. Isso não pode ser desfeito.",
  "apiKeys.empty.title": "Nenhuma chave de API ainda",
  "apiKeys.empty.description": "Crie uma chave para conectar seu site, ERP ou ferramentas de automação.",
  "apiKeys.create.open": "Criar chave de API",
  "apiKeys.create.title": "Criar chave de API",
  "apiKeys.create.description": "Dê à chave o nome de onde ela será usada, para saber o que revogar depois.",
  "apiKeys.create.submit": "Criar chave",
  "apiKeys.created.title": "Sua nova chave de API",
  "apiKeys.created.warning":
    "Copie esta chave agora e guarde-a em um lugar seguro. Por segurança, ela não será exibida novamente.",
  "apiKeys.created.secret": "Chave secreta",
  "apiKeys.copy": "Copiar",
  "apiKeys.copied": "Copiada",
  "apiKeys.author": "via API: {name}",
  "apiKeys.authorDeleted": "Chave de API (excluída)",

  "errors.refused": "O pedido foi recusado. O servidor respondeu:",
  "errors.validationFailed": "Algumas informações precisam de atenção. Confira os campos destacados.",
  "errors.invalidToken": "Este link é inválido ou expirou. Peça um novo.",
  "errors.invitationInvalid": "Este convite é inválido, foi revogado ou expirou. Peça um novo à sua equipe.",
  "errors.unauthenticated": "Sua sessão terminou. Entre novamente.",
  "errors.invalidCredentials": "E-mail ou senha incorretos.",
  "errors.forbidden": "Você não tem permissão para fazer isso.",
  "errors.notFound": "Não encontramos o que você procurava. Talvez tenha sido removido.",
  "errors.conflict": "Isso entra em conflito com algo que já existe.",
  "errors.emailTaken": "Já existe uma conta com este e-mail.",
  "errors.slugTaken": "Este nome curto já está em uso. Escolha outro.",
  "errors.alreadyMember": "Esta pessoa já é membro desta organização.",
  "errors.accountElsewhere":
    "Este endereço de e-mail já tem uma conta do CRM Manager em outra organização, e cada conta pertence a uma só organização. Peça para ser removido daquela organização, ou peça um convite para outro endereço de e-mail.",
  "errors.preconditionFailed": "Isso não pode ser feito agora.",
  "errors.lastOwner": "A organização precisa manter pelo menos um proprietário.",
  "errors.contactDuplicate": "Outro contato já tem este telefone ou e-mail.",
  "errors.customFieldKeyTaken": "Outro campo personalizado já usa esta chave.",
  "errors.tagTaken": "Já existe uma tag com este nome.",
  "errors.pipelineHasDeals":
    "Este funil ainda tem negócios (os ganhos e perdidos também contam). Crie antes outro funil para onde movê-los.",
  "errors.unprocessable": "Não foi possível processar este pedido.",
  "errors.rateLimited": "Muitas tentativas. Aguarde um minuto e tente novamente.",
  "errors.rateLimitedFor.one": "Muitas tentativas. Tente novamente em {count} minuto.",
  "errors.rateLimitedFor.other": "Muitas tentativas. Tente novamente em {count} minutos.",
  "errors.providerError": "Um serviço externo não respondeu como esperado. Tente novamente em instantes.",
  "errors.providerUnconfirmed":
    "Um serviço externo não confirmou o pedido. Ele é conferido automaticamente em alguns minutos: não tente de novo.",
  "errors.refundUnconfirmed":
    "Um estorno anterior deste pagamento aguarda a confirmação do provedor. Ele é conferido automaticamente em alguns minutos.",
  "errors.unavailable": "Não é possível fazer isto agora. Tente novamente em alguns minutos.",
  "errors.network": "Não conseguimos falar com o servidor. Verifique sua conexão e tente novamente.",
  "errors.unexpected": "Algo deu errado do nosso lado. Tente novamente em instantes.",

  "errors.field.required": "Este campo é obrigatório.",
  "errors.field.email": "Informe um e-mail válido, como nome@empresa.com.br.",
  "errors.field.password": "Use pelo menos 10 caracteres.",
  "errors.field.slug":
    "Use de 1 a 48 letras minúsculas, números ou hífens, começando e terminando com letra ou número.",
  "errors.field.retentionDays": "Informe um número inteiro de dias entre 30 e 3650.",
  "errors.field.option": "Escolha uma das opções.",
  "errors.field.invalid": "Confira este valor.",
  "errors.field.phone": "Informe um telefone válido, com o código do país para números fora do Brasil.",
  "errors.field.phoneAreaCode": "Falta o DDD: informe o telefone com o código de área, como (11) 98765-4321.",
  "errors.field.amount": "Informe um valor como 1500 ou 1.500,50.",
  "errors.field.amountNegative": "O valor não pode ser negativo.",
  "errors.field.amountDecimals": "Use no máximo duas casas decimais, como 1.500,50.",
  "errors.field.amountPositive": "O valor deve ser maior que zero.",
  "errors.field.amountTooLarge": "O valor é grande demais: pode ser no máximo 9.999.999.999.999,99.",
  "errors.field.amountNoCents": "Esta moeda não tem centavos: informe um valor inteiro, como 1500.",
  "errors.field.amountOtherCurrency":
    "Este valor está escrito em outra moeda: digite o valor na moeda escolhida ao lado.",
  "errors.field.number": "Informe um número.",
  "errors.field.date": "Informe uma data válida.",
  "errors.field.options": "Adicione pelo menos uma opção, uma por linha.",
  "errors.field.customFieldKey": "Comece com uma letra e use só letras minúsculas, números e _ (até 50).",
  "errors.field.probability": "Informe um número inteiro de 0 a 100.",
  "errors.field.rottingDays": "Informe de 1 a 3650 dias, ou deixe vazio.",
  "errors.field.csv": "Não foi possível ler este arquivo como CSV.",
  "errors.reason.tooShort": "Este texto é curto demais.",
  "errors.reason.tooLong": "Este texto é longo demais. Encurte-o.",
  "errors.reason.tooSmall": "Este valor é pequeno demais.",
  "errors.reason.tooBig": "Este valor é grande demais.",
  "errors.reason.tooFew": "Adicione mais itens.",
  "errors.reason.tooMany": "Há itens demais. Remova alguns.",
  "errors.reason.notInteger": "Informe um número inteiro.",
  "errors.reason.invalidId": "Algo escolhido aqui não é mais válido. Recarregue a página e tente novamente.",
  "errors.reason.invalidUrl": "Informe um endereço válido, como https://exemplo.com.br.",
  "errors.reason.invalidFormat": "Este valor não está no formato esperado.",
  "errors.reason.unknownField":
    "A página enviou algo que o servidor não conhece. Recarregue a página e tente novamente.",
  "errors.reason.outOfRange": "Este valor está fora do intervalo permitido.",
  "errors.reason.httpsRequired": "Use um endereço que comece com https://.",
  "errors.reason.privateAddress":
    "Este endereço é privado (uma rede local ou este computador): use um endereço público, acessível pela internet.",
  "errors.reason.urlHasCredentials": "Tire o usuário e a senha do endereço.",
  "errors.reason.urlHasFragment": "Tire do endereço a parte depois do #.",

  "notFound.title": "Página não encontrada",
  "notFound.description": "A página que você procura não existe ou mudou de lugar.",
  "notFound.home": "Ir para o app",

  "routeError.title": "Não foi possível carregar esta página",
  "routeError.description": "Não conseguimos carregar esta página. Verifique sua conexão e tente novamente.",
};
