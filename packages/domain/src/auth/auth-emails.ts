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

export function invitationEmail(input: {
  to: string;
  locale: string | undefined;
  organizationName: string | undefined;
  role: Role;
  link: string;
}): EmailJob {
  const language = mailLanguage(input.locale);
  const role = roleNames[language][input.role];
  const expiry = within(language, invitationDays, "day");
  if (language === "pt-BR") {
    const team = input.organizationName ?? "uma equipe";
    return {
      to: input.to,
      subject: `Você foi convidado para ${input.organizationName ?? "o CRM Manager"}`,
      text: `Você foi convidado para entrar em ${team} no CRM Manager como ${role}.\n\nAceite ${expiry}:\n${input.link}\n\nSe você não esperava este convite, ignore este email.`,
    };
  }
  return {
    to: input.to,
    subject: `You are invited to ${input.organizationName ?? "CRM Manager"}`,
    text: `You were invited to join ${input.organizationName ?? "a team"} on CRM Manager as ${role}.\n\nAccept ${expiry}:\n${input.link}\n\nIf you did not expect this invitation, ignore this email.`,
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
      text: `Olá, ${input.name},\n\nAbra este link ${expiry} para escolher uma nova senha:\n${input.link}\n\nSe você não pediu isso, ignore este email.`,
    };
  }
  return {
    to: input.to,
    subject: "Reset your CRM Manager password",
    text: `Hello ${input.name},\n\nOpen this link ${expiry} to choose a new password:\n${input.link}\n\nIf you did not ask for this, ignore this email.`,
  };
}
