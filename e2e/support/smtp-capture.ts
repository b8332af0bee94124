// A real SMTP server for the tests: accepts every message and writes it,
// parsed, to e2e/.output/mail/<n>.json for the specs to read.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export function startSmtpCapture(port: number, dir: string): Promise<SMTPServer> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          n += 1;
          const to = session.envelope.rcptTo.map((r) => r.address);
          const file = path.join(dir, `${Date.now()}-${String(n).padStart(5, "0")}.json`);
          writeFileSync(file, JSON.stringify({ to, from: session.envelope.mailFrom && session.envelope.mailFrom.address, subject: mail.subject, text: mail.text, html: mail.html || "" }));
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
