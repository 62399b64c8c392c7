// The inbound SMTP listener for reply by email (INBOUND_SMTP_PORT; off when unset). Meant to sit
// behind the organisation's mail server (Postfix, or a provider's inbound forwarding), which does the
// TLS, spam and DMARC checks on the open internet and relays mail for REPLY_DOMAIN here. Each message
// goes to receiveInboundEmail; a refusal is answered 550 with the reason, so the sending mail server
// writes the bounce; bounces, auto-replies and repeats are accepted and dropped (nothing to bounce back to).
import { SMTPServer } from "smtp-server";
import { readReplyAddress } from "../../app/forum/email-notifications.server";
import { receiveInboundEmail } from "../../app/forum/inbound-mail.server";
import type { Db } from "../../app/platform/db.server";

/** The largest message accepted (a reply with a quoted history; attachments are not posted). */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

export function createInboundSmtp(db: Db, log: (line: string) => void = (line) => console.log(line)): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: "Council reply-by-email",
    onRcptTo(address, _session, callback) {
      // Refuse unknown and forged reply addresses before the message is even sent.
      if (!readReplyAddress(address.address)) return callback(smtpError(`5.1.1 <${address.address}>: no such reply address`, 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) return callback(smtpError("5.3.4 Message too big for a reply", 552));
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        receiveInboundEmail(db, Buffer.concat(chunks), { recipients })
          .then((result) => {
            log(`inbound-mail: ${result.outcome}: ${result.reason}`);
            if (result.outcome === "refused") return callback(smtpError(`5.7.1 ${result.reason}`, 550));
            callback();
          })
          .catch((error: unknown) => {
            console.error("inbound-mail failed; the sender's server will retry:", error);
            callback(smtpError("4.3.0 Temporary failure, try again later", 451));
          });
      });
    },
  });
}

/** Starts listening; resolves once the port is open. */
export async function startInboundSmtp(db: Db, port: number, host = "0.0.0.0"): Promise<SMTPServer> {
  const server = createInboundSmtp(db);
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
