// Email through a real SMTP server started in the test (smtp-server on a random port).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { submitApplication } from "../../app/membership/applications.server";
import type { Db } from "../../app/platform/db.server";
import { deliverQueuedEmail, listOutbox, MAX_DELIVERY_ATTEMPTS, queueEmail } from "../../app/platform/mail.server";
import { createTestDb } from "../helpers/db";
import { decodeQuotedPrintable, startSmtp as startTestSmtp, type TestSmtp } from "../helpers/smtp";

const startSmtp = async (options: { reject?: string } = {}) => (smtp = await startTestSmtp(options));

let db: Db;
let smtp: TestSmtp | undefined;
beforeEach(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe("email delivery", () => {
  it("delivers an application's confirmation through a real SMTP server, as plain text", async () => {
    const { received, transport } = await startSmtp();
    const applied = await submitApplication(db, {
      name: "Elena Petrova", email: "elena@fourthcoffee.example", title: "VP, Social", company: "Fourth Coffee", roleLevel: "vp",
      socialResponsibility: "yes", socialResponsibilityNote: "I lead social strategy.", memberType: "executive",
    }, { ip: "127.0.0.1" });
    // Without SMTP_URL the message is stored; queue the same message for SMTP as the server would.
    const [stored] = await listOutbox(db);
    await queueEmail(db, { to: stored!.to_address, subject: stored!.subject, text: stored!.text_body, kind: stored!.kind }, { smtp: true });

    expect(await deliverQueuedEmail(db, transport)).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const [headers, ...rest] = received[0]!.split(/\r?\n\r?\n/);
    expect(headers).toContain(`Subject: We received your application to Council (${applied.reference})`);
    expect(headers).toMatch(/Content-Type: text\/plain/i);
    expect(headers).toContain("To: elena@fourthcoffee.example");
    const text = decodeQuotedPrintable(rest.join("\n\n"));
    expect(text).toContain("Dear Elena Petrova");
    expect(text).toContain(`/apply/status/${applied.statusToken}`);
    const [sent] = await listOutbox(db);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, last_error: null });
  });

  it("retries a failing SMTP server with back-off, then marks the message failed with the error", async () => {
    const { received, transport } = await startSmtp({ reject: "Mailbox temporarily unavailable" });
    await queueEmail(db, { to: "x@example.com", subject: "Hello", text: "Plain text.", kind: "test" }, { smtp: true });
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect(await deliverQueuedEmail(db, transport, now)).toEqual({ sent: 0, failed: 1 });
      const [row] = await listOutbox(db);
      expect(row!.attempts).toBe(attempt);
      expect(row!.last_error).toContain("Mailbox temporarily unavailable");
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        expect(row!.status).toBe("queued");
        expect(await deliverQueuedEmail(db, transport, now)).toEqual({ sent: 0, failed: 0 }); // not due yet: back-off
        now = new Date(row!.next_attempt_at!);
      } else {
        expect(row!.status).toBe("failed");
      }
    }
    expect(await deliverQueuedEmail(db, transport, new Date(now.getTime() + 86_400_000))).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });
});
