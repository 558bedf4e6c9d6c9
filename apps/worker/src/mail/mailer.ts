import type { EmailJob } from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";
import { createTransport } from "nodemailer";

export interface Mailer {
  send(mail: EmailJob): Promise<{ messageId: string }>;
}

export interface MailerOptions {
  /** smtp:// or smtps:// URL with credentials; without it mail goes to the log. */
  smtpUrl?: string;
  from: string;
  logger: Logger;
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? createSmtpMailer(options.smtpUrl, options.from) : createLogMailer(options);
}

function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport(smtpUrl, { from });
  return {
    async send(mail) {
      const info = await transport.sendMail(mail);
      return { messageId: info.messageId };
    },
  };
}

/**
 * For development without SMTP (embedded mode): the mail is composed by nodemailer as usual and the whole of
 * it written to the log, so a developer can copy a password-reset link from the console.
 */
function createLogMailer({ from, logger }: MailerOptions): Mailer {
  const transport = createTransport({ jsonTransport: true }, { from });
  logger.warn({}, "SMTP_URL is not set: emails are written to the log instead of being sent");
  return {
    async send(mail) {
      const info = await transport.sendMail(mail);
      logger.info(
        { messageId: info.messageId, mail: { from, to: mail.to, subject: mail.subject, text: mail.text } },
        "email logged, not sent (no SMTP_URL)",
      );
      return { messageId: info.messageId };
    },
  };
}
