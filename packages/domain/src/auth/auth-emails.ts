import type { EmailJob } from "../shared/jobs";
import type { Role } from "../shared/permissions";
import { invitationLifetimeMs, resetTokenLifetimeMs } from "./policy";

/** The languages emails are written in: an organization's locale, English for any other. */
type MailLanguage = "pt-BR" | "en";

const mailLanguage = (locale: string | undefined): MailLanguage =>
  locale?.toLowerCase().startsWith("pt") ? "pt-BR" : "en";

const dayMs = 24 * 60 * 60 * 1000;
const hourMs = 60 * 60 * 1000;
const invitationDays = Math.round(invitationLifetimeMs / dayMs);
const resetHours = Math.round(resetTokenLifetimeMs / hourMs);

const roleNames: Record<MailLanguage, Record<Role, string>> = {
  "pt-BR": { owner: "proprietário", admin: "administrador", agent: "agente", viewer: "leitor" },
  en: { owner: "owner", admin: "admin", agent: "agent", viewer: "viewer" },
};

const within = (language: MailLanguage, count: number, unit: "day" | "hour") => {
  if (language === "pt-BR") {
    if (unit === "hour") return count === 1 ? "dentro de uma hora" : `dentro de ${count} horas`;
    return count === 1 ? "dentro de um dia" : `dentro de ${count} dias`;
  }
  if (unit === "hour") return count === 1 ? "within one hour" : `within ${count} hours`;
  return count === 1 ? "within one day" : `within ${count} days`;
};

/**
 * An organization's name as the invitation quotes it: any organization names itself, so its name is the
 * inviter's words, not ours. One line, in quotes of its own (none inside), and never in the subject.
 */
const quotedName = (name: string) =>
  `"${name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, " ")
    .replace(/["“”]/g, "'")
    .replace(/\s+/g, " ")
    .trim()}"`;

/**
 * An address with an account in another organization cannot join as it is (an account belongs to one
 * organization): its invitation says so and what to do, while the link still works once that account is gone.
 */
export function invitationEmail(input: {
  to: string;
  locale: string | undefined;
  organizationName: string | undefined;
  role: Role;
  link: string;
  accountElsewhere: boolean;
}): EmailJob {
  const language = mailLanguage(input.locale);
  const role = roleNames[language][input.role];
  const expiry = within(language, invitationDays, "day");
  if (language === "pt-BR") {
    const team = input.organizationName
      ? `na organização ${quotedName(input.organizationName)}`
      : "em uma equipe";
    const accept = input.accountElsewhere
      ? `Este endereço de e-mail já tem uma conta do CRM Manager em outra organização, e cada conta pertence a uma só organização. Para aceitar, peça um convite para outro endereço de e-mail, ou peça para ser removido da outra organização e então abra este link ${expiry}:`
      : `Aceite ${expiry}:`;
    return {
      to: input.to,
      subject: "Você foi convidado para o CRM Manager",
      text: `Você foi convidado para entrar ${team} no CRM Manager como ${role}.\n\n${accept}\n${input.link}\n\nSe você não esperava este convite, ignore este e-mail.`,
    };
  }
  const team = input.organizationName ? `the organization ${quotedName(input.organizationName)}` : "a team";
  const accept = input.accountElsewhere
    ? `This email address already has a CRM Manager account in another organization, and an account belongs to one organization only. To accept, ask for an invitation to another email address, or ask to be removed from the other organization and then open this link ${expiry}:`
    : `Accept ${expiry}:`;
  return {
    to: input.to,
    subject: "You were invited to CRM Manager",
    text: `You were invited to join ${team} on CRM Manager as ${role}.\n\n${accept}\n${input.link}\n\nIf you did not expect this invitation, ignore this email.`,
  };
}

export function passwordResetEmail(input: {
  to: string;
  locale: string | undefined;
  name: string;
  link: string;
}): EmailJob {
  const language = mailLanguage(input.locale);
  const expiry = within(language, resetHours, "hour");
  if (language === "pt-BR") {
    return {
      to: input.to,
      subject: "Redefina sua senha do CRM Manager",
      text: `Olá, ${input.name},\n\nAbra este link ${expiry} para escolher uma nova senha:\n${input.link}\n\nSe você não pediu isso, ignore este e-mail.`,
    };
  }
  return {
    to: input.to,
    subject: "Reset your CRM Manager password",
    text: `Hello ${input.name},\n\nOpen this link ${expiry} to choose a new password:\n${input.link}\n\nIf you did not ask for this, ignore this email.`,
  };
}

/** Tells the owner of the account, after the fact, so a change they did not make does not go unnoticed. */
export function passwordChangedEmail(input: {
  to: string;
  locale: string | undefined;
  name: string;
}): EmailJob {
  if (mailLanguage(input.locale) === "pt-BR") {
    return {
      to: input.to,
      subject: "Sua senha do CRM Manager foi alterada",
      text: `Olá, ${input.name},\n\nA senha da sua conta do CRM Manager acabou de ser alterada, e as suas outras sessões foram encerradas.\n\nSe não foi você, use "Esqueceu a senha?" na página de entrada agora mesmo para escolher uma nova senha (isso encerra todas as sessões) e avise o proprietário da sua organização.`,
    };
  }
  return {
    to: input.to,
    subject: "Your CRM Manager password was changed",
    text: `Hello ${input.name},\n\nThe password of your CRM Manager account was just changed, and your other sessions were signed out.\n\nIf this was not you, use "Forgot your password?" on the log-in page right away to choose a new password (which signs out every session) and tell your organization's owner.`,
  };
}
