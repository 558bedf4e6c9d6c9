import { authenticateSession, logout, register } from "@crm/domain";
import type { Container } from "../container";
import { seedDemoCrm } from "./seed-demo-crm";

export const demoLogin = { email: "demo@crm.local", password: "demo-password-123" };

/** First run on an empty database: an organization to look around in (sample CRM data), its login printed. */
export async function seedDemoOrganization(container: Container): Promise<void> {
  const anyOrganization = await container.db.db
    .selectFrom("organizations")
    .select("id")
    .limit(1)
    .executeTakeFirst();
  if (anyOrganization) return;
  const { token } = await register(container.auth, {
    organizationName: "Demo Company",
    name: "Demo Owner",
    email: demoLogin.email,
    password: demoLogin.password,
    locale: "pt-BR",
  });
  // the data is written as the owner, through the session registering opened, which is then closed
  const owner = await authenticateSession(container.auth, token);
  if (owner) {
    try {
      await seedDemoCrm(container, owner);
    } catch (err) {
      // sample data is a courtesy: the product starts without it
      container.logger.warn({ err }, "could not add the demo organization's sample contacts and deals");
    }
    await logout(container.auth, owner);
  }
  container.logger.info(
    `demo organization created: sign in as ${demoLogin.email} with password ${demoLogin.password}`,
  );
}
