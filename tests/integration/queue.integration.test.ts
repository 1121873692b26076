import { describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import { actorOf } from "../../lib/auth/actor";
import type { Actor } from "../../lib/auth/policy";
import { checkInVisit, listArrivals } from "../../lib/bookings/attendance";
import { bookSlot } from "../../lib/bookings/bookings";
import { callNext, closeTicket, issueTicket, operatedBoard, operatedHalls, queueBoard } from "../../lib/bookings/queue";
import { chinaTime } from "../../lib/calendar/china-time";
import { db } from "../../lib/db/client";
import { expectAppError } from "../support/errors";
import { randomIdNumber, randomPhone } from "../support/identities";
import { actorFor, colleagueOf, otherDepartmentClerk } from "./cases-fixtures";

/**
 * 排队叫号 (issue 19): numbers per hall, day and line; calling (priority first, no number twice); served and no-show;
 * the hall's board; who may run a hall's queue; a checked-in booking gets a priority number.
 */

async function hall(departmentId: string | null, regionCode = "511600000000") {
  return db().office.create({
    data: {
      code: `Q-${randomPhone()}`,
      name: "测试大厅",
      nameEn: "Test hall",
      regionCode,
      departmentId,
      address: "x",
      phone: "1",
      openingHours: "x",
    },
  });
}

const at = (time: string) => chinaTime("2031-05-06", time);

describe("a hall's queue", () => {
  it("numbers per line and day, calls priority first then by order, never the same number twice, closes once", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const office = await hall(clerk.departmentId);
    const issue = (line: string, time: string) =>
      issueTicket(clerk, { officeCode: office.code, line }, { ip: null, now: at(time) });

    expect((await issue("GENERAL", "09:00")).label).toBe("A001");
    expect(await issue("GENERAL", "09:01")).toMatchObject({ label: "A002", waitingBefore: 1 });
    expect((await issue("BUSINESS", "09:02")).label).toBe("B001");
    expect((await issue("PRIORITY", "09:03")).label).toBe("C001");
    // Numbers restart the next day.
    expect(
      (
        await issueTicket(
          clerk,
          { officeCode: office.code, line: "GENERAL" },
          { ip: null, now: chinaTime("2031-05-07", "09:00") },
        )
      ).label,
    ).toBe("A001");

    const board = await queueBoard(office.code, at("09:05"));
    expect(board?.waiting).toEqual({ GENERAL: 2, BUSINESS: 1, PRIORITY: 1 });

    const call = (line: string, window: string, time: string) =>
      callNext(clerk, { officeCode: office.code, line, window }, { ip: null, now: at(time) });
    // Two windows at once: different numbers; priority first, then the longest wait.
    const [first, second] = await Promise.all([call("", "1号窗口", "09:10"), call("", "2号窗口", "09:10")]);
    expect([first?.label, second?.label].sort()).toEqual(["A001", "C001"]);
    expect((await call("BUSINESS", "3号窗口", "09:11"))?.label).toBe("B001");
    expect(await call("BUSINESS", "3号窗口", "09:12")).toBeNull();

    const called = (await queueBoard(office.code, at("09:12")))!;
    expect(called.called.map((ticket) => ticket.label).sort()).toEqual(["A001", "B001", "C001"]);
    expect(called.waiting).toEqual({ GENERAL: 1, BUSINESS: 0, PRIORITY: 0 });
    expect(called.averageWaitMinutes).toBeGreaterThanOrEqual(8);

    const b001 = called.called.find((ticket) => ticket.label === "B001")!;
    await closeTicket(clerk, { ticketId: b001.id, outcome: "SERVED" }, { ip: null, now: at("09:20") });
    expect(
      (await expectAppError(closeTicket(clerk, { ticketId: b001.id, outcome: "NO_SHOW" }, { ip: null }))).messageKey,
    ).toBe("bookings.queue.errors.notCalled");
    const a001 = called.called.find((ticket) => ticket.label === "A001")!;
    await closeTicket(clerk, { ticketId: a001.id, outcome: "NO_SHOW" }, { ip: null, now: at("09:21") });
    expect(await queueBoard(office.code, at("09:22"))).toMatchObject({ issued: 4, served: 1, noShow: 1 });
    const audit = await db().auditLog.count({
      where: { objectId: b001.id, action: { in: ["queue.issue", "queue.call", "queue.close"] } },
    });
    expect(audit).toBe(3);
  });

  it("refuses bad input clearly and is run only by intake staff of a department serving at the hall", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const office = await hall(clerk.departmentId);
    const bad = await expectAppError(issueTicket(clerk, { officeCode: office.code, line: "VIP" }, { ip: null }));
    expect([bad.code, bad.details.fieldErrors]).toEqual(["VALIDATION", { line: "bookings.errors.line" }]);
    expect(
      (await expectAppError(callNext(clerk, { officeCode: office.code, window: "" }, { ip: null }))).details
        .fieldErrors,
    ).toEqual({ window: "bookings.errors.window" });
    expect((await expectAppError(closeTicket(clerk, { ticketId: "x", outcome: "SERVED" }, { ip: null }))).code).toBe(
      "VALIDATION",
    );
    expect(
      (await expectAppError(issueTicket(clerk, { officeCode: "NO-SUCH-HALL", line: "GENERAL" }, { ip: null }))).code,
    ).toBe("NOT_FOUND");

    const reviewer = await colleagueOf(clerk, "孙审核", ["REVIEW"]);
    const stranger = await otherDepartmentClerk();
    for (const outsider of [reviewer, stranger]) {
      expect(
        (await expectAppError(issueTicket(outsider, { officeCode: office.code, line: "GENERAL" }, { ip: null }))).code,
      ).toBe("NOT_FOUND");
      expect((await operatedHalls(outsider)).map((entry) => entry.code)).not.toContain(office.code);
    }
    const ticket = await issueTicket(clerk, { officeCode: office.code, line: "GENERAL" }, { ip: null });
    await callNext(clerk, { officeCode: office.code, window: "1号窗口" }, { ip: null });
    expect(
      (await expectAppError(closeTicket(stranger, { ticketId: ticket.id, outcome: "SERVED" }, { ip: null }))).code,
    ).toBe("NOT_FOUND");
    expect((await expectAppError(operatedBoard(stranger, office.code))).code).toBe("NOT_FOUND");
    expect((await operatedHalls(clerk)).map((entry) => entry.code)).toContain(office.code);
  });

  it("serves a joint hall with the intake staff of every department of its region", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const department = await db().department.findUniqueOrThrow({
      where: { id: clerk.departmentId ?? "" },
      select: { regionCode: true },
    });
    const joint = await hall(null, department.regionCode);
    expect((await issueTicket(clerk, { officeCode: joint.code, line: "GENERAL" }, { ip: null })).label).toBe("A001");
    const elsewhere = await hall(null, department.regionCode === "511602000000" ? "511600000000" : "511602000000");
    expect(
      (await expectAppError(issueTicket(clerk, { officeCode: elsewhere.code, line: "GENERAL" }, { ip: null }))).code,
    ).toBe("NOT_FOUND");
  });

  it("gives a checked-in visitor a priority number, shown on the arrivals list", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const office = await hall(clerk.departmentId);
    const slot = await db().officeSlot.create({
      data: { officeId: office.id, startsAt: at("10:00"), endsAt: at("11:00"), capacity: 5 },
    });
    const visitor = await db().user.create({
      data: {
        role: "CITIZEN",
        realName: "预约人",
        ...toStored({ phone: randomPhone(), idNumber: randomIdNumber() }),
        passwordHash: "unused",
      },
    });
    const citizen: Actor = await actorOf({ ...visitor, role: "CITIZEN" });
    const booking = await bookSlot(citizen, { slotId: slot.id }, null, at("08:00"));
    await issueTicket(clerk, { officeCode: office.code, line: "PRIORITY" }, { ip: null, now: at("09:50") });
    const checkedIn = await checkInVisit(clerk, { bookingId: booking.id }, null, at("10:02"));
    expect(checkedIn.ticket).toBe("C002");
    const row = (await listArrivals(clerk, { date: "2031-05-06" }, at("10:03"))).rows.find(
      (entry) => entry.id === booking.id,
    );
    expect(row).toMatchObject({ status: "ATTENDED", ticket: "C002" });
    expect((await queueBoard(office.code, at("10:03")))?.waiting.PRIORITY).toBe(2);
  });
});
