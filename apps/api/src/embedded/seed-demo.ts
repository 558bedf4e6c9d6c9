import { register } from "@crm/domain";
import type { Container } from "../container";

export const demoLogin = { email: "demo@crm.local", password: "demo-password-123" };

/** First run on an empty database: an organization to look around in, with its login printed. */
export async function seedDemoOrganization(container: Container): Promise<void> {
  const anyOrganization = await container.db.db
    .selectFrom("organizations")
    .select("id")
    .limit(1)
    .executeTakeFirst();
  if (anyOrganization) return;
  await register(container.auth, {
    organizationName: "Demo Company",
    name: "Demo Owner",
    email: demoLogin.email,
    password: demoLogin.password,
    locale: "pt-BR",
  });
  container.logger.info(
    `demo organization created: sign in as ${demoLogin.email} with password ${demoLogin.password}`,
  );
}
