import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: string;
  /** Body with quoted-printable soft breaks and escapes undone (read as UTF-8), enough to find links in it. */
  text: string;
  /** The Subject header, its MIME encoded words decoded. */
  subject: string | undefined;
}

/** A real SMTP server on loopback that keeps what it receives: the outside world of email, local. */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        callback(Object.assign(new Error("mailbox busy"), { responseCode: 450 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          from: mailFrom ? mailFrom.address : undefined,
          to: rcptTo.map((r) => r.address),
          raw,
          text: isQuotedPrintable(raw) ? decodeQuotedPrintable(raw) : raw,
          subject: subjectOf(raw),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  async function waitFor(to: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mail = received.find((m) => m.to.includes(to));
      if (mail) return mail;
      if (Date.now() > deadline) throw new Error(`No mail to ${to} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor,
    /** The next `count` recipients are refused with a temporary 450, as a busy server does. */
    refuseNext(count: number) {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

// only a quoted-printable body is decoded: in a 7bit one, "token=67..." would lose its "=" and turn "67" into "g"
const isQuotedPrintable = (raw: string) => /^content-transfer-encoding:\s*quoted-printable/im.test(raw);

/** Escapes are bytes of UTF-8: "=C3=A7" is one "ç". */
const decodeQuotedPrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, "")
    .replace(/(=[0-9A-F]{2})+/g, (escapes) =>
      Buffer.from(escapes.replaceAll("=", ""), "hex").toString("utf8"),
    );

/** "=?UTF-8?Q?Voc=C3=AA_foi?=" and "=?UTF-8?B?...?=" words, possibly folded over several lines. */
function subjectOf(raw: string): string | undefined {
  const header = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, " ");
  const value = header?.match(/^Subject: (.*)$/im)?.[1];
  if (value === undefined) return undefined;
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replaceAll("_", " ")),
    );
}

export const linkToken = (mail: ReceivedMail, path: string): string => {
  const match = mail.text.match(new RegExp(`${path}\\?token=([a-z0-9]+)`));
  if (!match?.[1]) throw new Error(`No ${path} link in the mail:\n${mail.text}`);
  return match[1];
};
