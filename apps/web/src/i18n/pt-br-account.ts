import type { accountEn } from "./en-account";
import type { TranslationOf } from "./translate";

/** Português do Brasil para a página da conta do próprio usuário. */
export const accountPtBr: TranslationOf<typeof accountEn> = {
  "userMenu.account": "Minha conta",

  "account.title": "Minha conta",
  "account.description": "Seu nome, idioma, senha e sessões.",

  "account.profile.title": "Perfil",
  "account.profile.description": "Como sua equipe vê você.",
  "account.profile.name": "Seu nome",
  "account.profile.email": "E-mail",
  "account.profile.emailHint": "Seu e-mail não pode ser alterado aqui.",
  "account.profile.saved": "Nome salvo.",

  "account.language.title": "Idioma",
  "account.language.description": "O idioma do app neste navegador.",

  "account.password.title": "Alterar senha",
  "account.password.description":
    "Ao alterá-la, suas outras sessões são encerradas; esta continua. Enviamos um e-mail avisando da alteração.",
  "account.password.current": "Senha atual",
  "account.password.new": "Nova senha",
  "account.password.submit": "Alterar senha",
  "account.password.changed": "Senha alterada. Suas outras sessões foram encerradas.",
  "account.password.unavailable":
    "Não conseguimos enviar agora o e-mail que confirma a alteração, então sua senha não foi alterada. Tente novamente em alguns minutos.",

  "account.sessions.title": "Sessões",
  "account.sessions.description":
    "Onde você está conectado. Encerre as outras sessões se perdeu um aparelho.",
  "account.sessions.current": "Esta sessão",
  "account.sessions.since": "Entrou em {date}",
  "account.sessions.unknownDevice": "Navegador desconhecido",
  "account.sessions.signOutOthers": "Encerrar outras sessões",
  "account.sessions.signedOut": "Suas outras sessões foram encerradas.",
  "account.sessions.noneOther": "Você não tem outras sessões.",

  "errors.field.currentPassword": "A senha atual está incorreta.",

  "auth.sessionEnded.password_changed":
    "Sua senha foi alterada em outra sessão, o que encerrou esta. Entre com a nova senha.",
  "auth.sessionEnded.signed_out_elsewhere":
    "Você encerrou esta sessão a partir de outra. Entre novamente para continuar.",
};
