export type { WorkerDeps } from "./deps";
export { createMailer, type Mailer, type MailerOptions } from "./mail/mailer";
export { registerProcessors } from "./processors";
