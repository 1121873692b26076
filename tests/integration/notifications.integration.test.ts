import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wherePhone } from "../../lib/accounts/identity-fields";
import { takeCaseAction } from "../../lib/cases/take-action";
import { db } from "../../lib/db/client";
import { backoffMs, type DeliveryChannels, processDeliveries } from "../../lib/notifications/delivery";
import { createSmtpSender } from "../../lib/notifications/email";
import { getPreferences, listInbox, markRead, savePreferences, unreadCount } from "../../lib/notifications/inbox";
import { collectNotifications } from "../../lib/notifications/outbox";
import type { SmsMessage, SmsProvider } from "../../lib/notifications/sms";
import { runNotificationRound } from "../../lib/notifications/worker";
import { actorFor, makeCase } from "./cases-fixtures";

/**
 * Notifications against a real local SMTP server (the `smtp-server` package) and a real database: what the
 * server received is parsed with `mailparser`. The server is stopped and started again to show that nothing is
 * lost and nothing is sent twice.
 */

const received: ParsedMail[] = [];
let server: SMTPServer;
let port = 0;

function startServer(listenPort: number): Promise<number> {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
  });
}

const stopServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

class CapturingSms implements SmsProvider {
  readonly name = "capture";
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
    return { sent: true as const };
  }
}

let channels: DeliveryChannels;
const sms = new CapturingSms();

beforeAll(async () => {
  port = await startServer(0);
  channels = {
    mail: createSmtpSender({ host: "127.0.0.1", port, secure: false, from: "一网通办 <no-reply@onewindow.test>" }),
    sms,
  };
  await db().user.update({ where: wherePhone("13800138000"), data: { email: "wang.xiaoming@example.test" } });
});

afterAll(async () => {
  await stopServer().catch(() => undefined);
});

async function waitFor(predicate: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

const mailsFor = (caseNumber: string) => received.filter((mail) => (mail.text ?? "").includes(caseNumber));

describe("notifications", () => {
  it("turns a case's applicant-visible events into inbox, e-mail and SMS messages, once, in Chinese", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await takeCaseAction(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });
    await db().caseEvent.create({
      data: { caseId: row.id, action: "note", reason: "内部备注，不给申请人看", visibleToApplicant: false },
    });

    const first = await runNotificationRound({ channels });
    expect(first.collected.caseEvents).toBeGreaterThanOrEqual(2);
    // A second round (or a second instance, or after a restart) creates and sends nothing again.
    const second = await runNotificationRound({ channels });
    expect(second.collected.caseEvents).toBe(0);

    const notifications = await db().notification.findMany({
      where: { userId: citizen.userId, dedupeKey: { startsWith: "case-event:" } },
      include: { deliveries: true },
    });
    const mine = notifications.filter(
      (notification) => (notification.subject as { caseNumber?: string }).caseNumber === row.caseNumber,
    );
    expect(mine.map((notification) => notification.template).sort()).toEqual(["case.accept", "case.submit"]);
    for (const notification of mine) {
      expect(notification.deliveries.map((delivery) => [delivery.channel, delivery.status]).sort()).toEqual([
        ["EMAIL", "SENT"],
        ["INBOX", "SENT"],
        ["SMS", "SENT"],
      ]);
    }

    await waitFor(() => mailsFor(row.caseNumber).length >= 2);
    const mails = mailsFor(row.caseNumber);
    expect(mails).toHaveLength(2);
    const accepted = mails.find((mail) => mail.subject?.startsWith("申请已受理"));
    expect(accepted?.to && "text" in accepted.to ? accepted.to.text : "").toContain("wang.xiaoming@example.test");
    expect(accepted?.from?.text).toContain("no-reply@onewindow.test");
    expect(accepted?.text).toContain(`办件 ${row.caseNumber}`);
    expect(accepted?.text).toMatch(/承诺办结日期 \d{4}年\d{1,2}月\d{1,2}日/);
    // SMS: the phone on file, a Chinese text with the product prefix; the internal note produced nothing.
    const texts = sms.sent.filter((message) => message.text.includes(row.caseNumber));
    expect(texts).toHaveLength(2);
    expect(texts[0]?.phone).toBe("13800138000");
    expect(texts[0]?.text.startsWith("【一网通办】")).toBe(true);
    expect(received.some((mail) => (mail.text ?? "").includes("内部备注"))).toBe(false);

    // The inbox renders in the reader's language; unread count and mark read.
    const inboxEn = await listInbox(citizen, "en");
    expect(
      inboxEn.entries.some(
        (entry) =>
          entry.subject.startsWith("Application accepted") && entry.link === `/account/applications/${row.caseNumber}`,
      ),
    ).toBe(true);
    const before = await unreadCount(citizen);
    expect(before).toBeGreaterThanOrEqual(2);
    const target = inboxEn.entries[0];
    expect(await markRead(citizen, { id: target?.id })).toBe(1);
    // Someone else's id changes nothing.
    const other = await actorFor({ phone: "13800138001" });
    expect(await markRead(other, { id: inboxEn.entries[1]?.id })).toBe(0);
    expect(await unreadCount(citizen)).toBe(before - 1);
    expect(await markRead(citizen, { all: true })).toBe(before - 1);
    expect(await unreadCount(citizen)).toBe(0);
  });

  it("mail server down: deliveries stay PENDING with backoff; back up: each message is delivered exactly once", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await stopServer();

    const now = new Date();
    const down = await runNotificationRound({ now, channels });
    expect(down.delivered.retried).toBeGreaterThanOrEqual(1);
    const pending = await db().delivery.findFirstOrThrow({
      where: {
        channel: "EMAIL",
        notification: {
          dedupeKey: { startsWith: "case-event:" },
          subject: { path: ["caseNumber"], equals: row.caseNumber },
        },
      },
    });
    expect(pending).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(pending.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));

    // Not due yet: nothing is tried.
    expect((await processDeliveries({ now: new Date(now.getTime() + 1000), channels })).claimed).toBe(0);
    // Still down at the next attempt: attempt 2, the wait doubles.
    const later = new Date(now.getTime() + backoffMs(1));
    await processDeliveries({ now: later, channels });
    const again = await db().delivery.findUniqueOrThrow({ where: { id: pending.id } });
    expect(again).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(again.nextAttemptAt.getTime()).toBe(later.getTime() + backoffMs(2));

    // Back up (same port): two instances run the loop at the same time; the message goes out once.
    await startServer(port);
    const due = new Date(later.getTime() + backoffMs(2));
    const [a, b] = await Promise.all([
      processDeliveries({ now: due, channels }),
      processDeliveries({ now: due, channels }),
    ]);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(1);
    await processDeliveries({ now: new Date(due.getTime() + 3600_000), channels });
    await waitFor(() => mailsFor(row.caseNumber).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailsFor(row.caseNumber)).toHaveLength(1);
    expect(await db().delivery.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "SENT",
      attempts: 3,
      lastError: null,
    });
  });

  it("gives up after the configured attempts (FAILED, with the error), and skips without a server or an address", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const broken: DeliveryChannels = {
      mail: createSmtpSender({ host: "127.0.0.1", port: 1, secure: false, from: "x@onewindow.test" }),
      sms,
    };
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await collectNotifications();
    const where = {
      channel: "EMAIL" as const,
      notification: { subject: { path: ["caseNumber"], equals: row.caseNumber } },
    };
    let now = new Date();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await processDeliveries({ now, channels: broken, maxAttempts: 3 });
      now = new Date(now.getTime() + backoffMs(attempt));
    }
    expect(await db().delivery.findFirstOrThrow({ where })).toMatchObject({ status: "FAILED", attempts: 3 });

    // No SMTP server configured: SKIPPED with the reason, never retried.
    const second = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await collectNotifications();
    await processDeliveries({ channels: { mail: null, sms } });
    expect(
      await db().delivery.findFirstOrThrow({
        where: { ...where, notification: { subject: { path: ["caseNumber"], equals: second.caseNumber } } },
      }),
    ).toMatchObject({
      status: "SKIPPED",
      lastError: "no SMTP server configured",
    });
  });

  it("honours preferences per channel (the inbox is always on)", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    expect(await getPreferences(citizen)).toEqual({ INBOX: true, EMAIL: true, SMS: true });
    expect(await savePreferences(citizen, { EMAIL: "on" })).toEqual({ INBOX: true, EMAIL: true, SMS: false });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    await collectNotifications();
    const notification = await db().notification.findFirstOrThrow({
      where: { userId: citizen.userId, subject: { path: ["caseNumber"], equals: row.caseNumber } },
      include: { deliveries: true },
    });
    expect(notification.deliveries.map((delivery) => delivery.channel).sort()).toEqual(["EMAIL", "INBOX"]);
    await savePreferences(citizen, { EMAIL: "on", SMS: "on" });
  });

  it("reminds of drafts about to expire once, and confirms bookings and their cancellation", async () => {
    const citizen = await actorFor({ phone: "13800138000" });
    const version = await db().itemVersion.findFirstOrThrow({ where: { status: "PUBLISHED" } });
    const item = await db().serviceItem.findUniqueOrThrow({ where: { id: version.serviceItemId } });
    const now = new Date();
    const draft = await db().application.create({
      data: {
        applicantUserId: citizen.userId,
        serviceItemId: item.id,
        itemVersionId: version.id,
        expiresAt: new Date(now.getTime() + 24 * 3600_000),
      },
    });
    expect((await collectNotifications({ now })).drafts).toBeGreaterThanOrEqual(1);
    expect((await collectNotifications({ now })).drafts).toBe(0);
    expect((await db().application.findUniqueOrThrow({ where: { id: draft.id } })).reminderSentAt).not.toBeNull();
    expect(
      await db().notification.count({
        where: {
          userId: citizen.userId,
          template: "draft.expiring",
          dedupeKey: { startsWith: `draft-expiry:${draft.id}` },
        },
      }),
    ).toBe(1);

    const office = await db().office.findFirstOrThrow();
    const slot = await db().officeSlot.create({
      data: {
        officeId: office.id,
        startsAt: new Date(now.getTime() + 48 * 3600_000),
        endsAt: new Date(now.getTime() + 49 * 3600_000),
        capacity: 3,
        booked: 1,
      },
    });
    const booking = await db().booking.create({
      data: { slotId: slot.id, userId: citizen.userId, code: `T${Date.now().toString().slice(-8)}` },
    });
    await collectNotifications();
    await db().booking.update({ where: { id: booking.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    await collectNotifications();
    await collectNotifications();
    const templates = (
      await db().notification.findMany({
        where: { userId: citizen.userId, dedupeKey: { startsWith: `booking:${booking.id}` } },
      })
    )
      .map((row) => row.template)
      .sort();
    expect(templates).toEqual(["booking.cancelled", "booking.confirmed"]);
  });
});
