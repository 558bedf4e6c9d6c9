import { describe, expect, it } from "vitest";
import { invitationEmail, passwordResetEmail } from "./auth-emails";

/** "email" standing alone; "e-mail" is how Portuguese writes it. */
const bareEmail = /(?<![-\w])email(?![-\w])/i;

describe("emails in Portuguese", () => {
  it("write e-mail, never the English email", () => {
    const invitation = (accountElsewhere: boolean) =>
      invitationEmail({
        to: "bia@example.com",
        locale: "pt-BR",
        organizationName: "Loja Exemplo",
        role: "agent",
        link: "https://crm.example.com/accept-invitation?token=abc",
        accountElsewhere,
      });
    const reset = passwordResetEmail({
      to: "bia@example.com",
      locale: "pt-BR",
      name: "Bia",
      link: "https://crm.example.com/reset-password?token=abc",
    });
    for (const mail of [invitation(false), invitation(true), reset]) {
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(bareEmail);
    }
    expect(invitation(true).text).toContain("Este endereço de e-mail já tem uma conta");
    expect(reset.text).toContain("ignore este e-mail.");
  });
});

describe("the invitation email", () => {
  it("has the same subject for every organization and quotes its name on one line of the text", () => {
    const mail = (locale: string) =>
      invitationEmail({
        to: "bia@example.com",
        locale,
        organizationName: 'URGENT:\r\nverify "your" bank\u2028account',
        role: "agent",
        link: "https://crm.example.com/accept-invitation?token=abc",
        accountElsewhere: false,
      });
    expect(mail("pt-BR").subject).toBe("Você foi convidado para o CRM Manager");
    expect(mail("en").subject).toBe("You were invited to CRM Manager");
    expect(mail("pt-BR").text).toContain(`entrar na organização "URGENT: verify 'your' bank account" no CRM`);
    expect(mail("en").text).toContain(`join the organization "URGENT: verify 'your' bank account" on CRM`);
  });
});
