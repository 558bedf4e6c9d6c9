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
