/** An address no other test uses, tagged to tell the mails in the SMTP sink apart. */
export const email = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}@example.com`;
