import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { describe, expect, it } from "vitest";
import { createMailer } from "./mailer";

describe("mailer without SMTP_URL", () => {
  it("writes the whole mail to the log so a developer can follow its links", async () => {
    const logger = createRecordingLogger();
    const mailer = createMailer({ from: "CRM Manager <no-reply@localhost>", logger });

    const { messageId } = await mailer.send({
      to: "ana@example.com",
      subject: "Reset your password",
      text: "Open http://localhost:3000/reset?token=abc123 to choose a new password.",
    });

    expect(messageId).toMatch(/^<.+@.+>$/);
    expect(logger.entries).toContainEqual({
      level: "info",
      msg: "email logged, not sent (no SMTP_URL)",
      obj: {
        messageId,
        mail: {
          from: "CRM Manager <no-reply@localhost>",
          to: "ana@example.com",
          subject: "Reset your password",
          text: "Open http://localhost:3000/reset?token=abc123 to choose a new password.",
        },
      },
    });
  });
});
