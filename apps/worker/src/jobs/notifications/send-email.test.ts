import { createInProcessQueue, type InProcessQueue } from "@crm/runtime";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterEach, describe, expect, it } from "vitest";
import { createMailer } from "../../mail/mailer";
import { registerProcessors } from "../../processors";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink";

describe("email job", () => {
  let smtp: SmtpSink | undefined;
  let queue: InProcessQueue | undefined;

  afterEach(async () => {
    await queue?.close();
    await smtp?.close();
  });

  it("delivers an enqueued email through SMTP to its recipient", async () => {
    smtp = await startSmtpSink();
    const logger = createRecordingLogger();
    queue = createInProcessQueue({ logger, backoffDelayMs: 10 });
    registerProcessors(queue, {
      mailer: createMailer({
        smtpUrl: smtp.url,
        from: "CRM <crm@example.com>",
        logger,
      }),
      logger,
    });

    await queue.enqueue("email", {
      to: "ana@example.com",
      subject: "Reset your password",
      text: "Open http://localhost:3000/reset?token=abc123",
    });
    await queue.whenIdle();

    expect(logger.entries.filter((entry) => entry.level === "warn" || entry.level === "error")).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toBe("crm@example.com");
    expect(mail?.to).toEqual(["ana@example.com"]);
    expect(mail?.raw).toMatch(/^To: ana@example\.com\r$/m);
    expect(mail?.raw).toMatch(/^Subject: Reset your password\r$/m);
    expect(mail?.raw).toContain("http://localhost:3000/reset?token=abc123");
  });

  it("retries when the SMTP server refuses the mail", async () => {
    smtp = await startSmtpSink();
    smtp.refuseNext(1);
    const logger = createRecordingLogger();
    queue = createInProcessQueue({ logger, backoffDelayMs: 10 });
    registerProcessors(queue, {
      mailer: createMailer({ smtpUrl: smtp.url, from: "crm@example.com", logger }),
      logger,
    });

    await queue.enqueue("email", { to: "bia@example.com", subject: "Welcome", text: "Hi" });
    await queue.whenIdle();

    expect(logger.entries.filter((entry) => entry.level === "warn")).toMatchObject([
      { msg: "job failed; retrying", obj: { attempt: 1 } },
    ]);
    expect(smtp.received.map((mail) => mail.to)).toEqual([["bia@example.com"]]);
  });
});
