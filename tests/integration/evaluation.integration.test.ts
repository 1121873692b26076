import { checkInVisit } from "../../lib/bookings/attendance";
import { describe, expect, it } from "vitest";
import { takeCaseAction } from "../../lib/cases/take-action";
import { chinaDayStart, chinaToday } from "../../lib/calendar/china-time";
import { db } from "../../lib/db/client";
import {
  appealRectification,
  getMyEvaluation,
  listMyEvaluations,
  rateCase,
  rateTouchpoint,
} from "../../lib/evaluation/evaluations";
import { listOwnReadLog } from "../../lib/audit/read-log";
import {
  getDepartmentRectification,
  listCaseRatings,
  listDepartmentRectifications,
  listForReview,
  replyToRectification,
  reviewRectification,
} from "../../lib/evaluation/rectifications";
import { MIN_PUBLISHED, satisfactionByDepartment, satisfactionByItem } from "../../lib/evaluation/satisfaction";
import { DEMO_ACCOUNTS } from "../../prisma/seed/seed";
import { expectAppError } from "../support/errors";
import { actorFor, makeCase, otherDepartmentClerk } from "./cases-fixtures";

/** 好差评 against a real database: rating rules, the rectification cycle, and the public figures. */

async function completedCase() {
  const clerk = await actorFor({ loginName: "clerk" });
  const citizen = await actorFor({ phone: "13800138000" });
  const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen, status: "APPROVED" });
  await takeCaseAction(clerk, row.caseNumber, { action: "complete", expectedVersion: 0 }, { ip: null });
  return { clerk, citizen, row };
}

describe("evaluation (好差评)", () => {
  it("rates only the applicant's finished case, once, with tags that fit the level", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const open = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    expect((await expectAppError(rateCase(citizen, open.caseNumber, { level: 5 }))).code).toBe("UNPROCESSABLE");

    const { row } = await completedCase();
    const stranger = await actorFor({ phone: "13800138001" });
    expect((await expectAppError(rateCase(stranger, row.caseNumber, { level: 5 }))).code).toBe("NOT_FOUND");
    expect((await expectAppError(rateCase(clerk, row.caseNumber, { level: 5 }))).code).toBe("NOT_FOUND");
    const noReason = await expectAppError(rateCase(citizen, row.caseNumber, { level: 1 }));
    expect(noReason.details.fieldErrors).toEqual({ tags: "feedback.rate.errors.badNeedsReason" });
    expect(
      (await expectAppError(rateCase(citizen, row.caseNumber, { level: 5, tags: ["slow"] }))).details.fieldErrors,
    ).toEqual({ tags: "feedback.rate.errors.tags" });
    expect((await expectAppError(rateCase(citizen, row.caseNumber, { level: 6 }))).details.fieldErrors).toEqual({
      level: "feedback.rate.errors.level",
    });

    expect((await listMyEvaluations(citizen)).waiting).toContainEqual(
      expect.objectContaining({ kind: "CASE", ref: row.caseNumber }),
    );
    const now = new Date();
    const first = await rateCase(citizen, row.caseNumber, { level: 5, tags: ["efficient"], comment: "很快" }, { now });
    expect(first).toMatchObject({ created: true, level: 5, rectificationId: null });
    const changed = await rateCase(
      citizen,
      row.caseNumber,
      { level: 4, tags: [] },
      { now: new Date(now.getTime() + 24 * 3600_000) },
    );
    expect(changed).toMatchObject({ created: false, level: 4, evaluationId: first.evaluationId });
    expect(
      (
        await expectAppError(
          rateCase(citizen, row.caseNumber, { level: 3 }, { now: new Date(now.getTime() + 8 * 24 * 3600_000) }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(await db().evaluation.count({ where: { touchpointId: row.id } })).toBe(1);
    expect(
      await db().auditLog.count({
        where: { objectId: first.evaluationId, action: { in: ["evaluation.rate", "evaluation.change"] } },
      }),
    ).toBe(2);

    const mine = await listMyEvaluations(citizen);
    expect(mine.given.some((entry) => entry.ref === row.caseNumber && entry.level === 4)).toBe(true);
    expect(mine.waiting.some((entry) => entry.ref === row.caseNumber)).toBe(false);
  });

  it("offers a company agent the company's finished cases of the items their authorisation covers, and lets them rate those", async () => {
    // Not the seeded clerk's department: the last test counts that department's public figures.
    const clerk = { ...(await otherDepartmentClerk()), secondFactorAt: new Date() };
    const agent = await actorFor({ phone: DEMO_ACCOUNTS.company.phone });
    const departmentId = clerk.departmentId ?? "";
    const items = await db().serviceItem.findMany({
      where: { departmentId },
      orderBy: { implementationCode: "asc" },
      take: 2,
      select: { id: true },
    });
    const finished = [];
    for (const item of items) {
      const row = await makeCase({ departmentId, serviceItemId: item.id, applicant: agent, status: "APPROVED" });
      await takeCaseAction(clerk, row.caseNumber, { action: "complete", expectedVersion: 0 }, { ip: null });
      finished.push(row);
    }
    const [inScope, outOfScope] = finished;
    if (!inScope || !outOfScope) throw new Error("the department needs two items");
    const scoped = { ...agent, companyItemIds: [inScope.serviceItemId] };
    const waiting = async (actor: typeof agent) =>
      (await listMyEvaluations(actor)).waiting.filter((entry) => entry.kind === "CASE").map((entry) => entry.ref);

    expect(await waiting(agent)).toEqual(expect.arrayContaining([inScope.caseNumber, outOfScope.caseNumber]));
    expect(await waiting(scoped)).toContain(inScope.caseNumber);
    expect(await waiting(scoped)).not.toContain(outOfScope.caseNumber);
    expect((await expectAppError(rateCase(scoped, outOfScope.caseNumber, { level: 5 }))).code).toBe("NOT_FOUND");
    expect(await rateCase(scoped, inScope.caseNumber, { level: 5 })).toMatchObject({ created: true, level: 5 });
  });

  it("two first ratings at once give one rating and one rectification", async () => {
    const { citizen, row } = await completedCase();
    const results = await Promise.allSettled([
      rateCase(citizen, row.caseNumber, { level: 1, tags: ["slow"] }),
      rateCase(citizen, row.caseNumber, { level: 2, tags: ["hardToUse"] }),
    ]);
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    const evaluation = await db().evaluation.findUniqueOrThrow({
      where: { touchpointKind_touchpointId: { touchpointKind: "CASE", touchpointId: row.id } },
      include: { rectification: true },
    });
    expect(evaluation.rectification).not.toBeNull();
    expect(await db().rectification.count({ where: { evaluationId: evaluation.id } })).toBe(1);
  });

  it("非常不满意 → rectification due in 5 working days → department replies → supervisor reopens, accepts → applicant reads the reply and appeals once", async () => {
    const { clerk, citizen, row } = await completedCase();
    // Friday 2025-09-26 (Beijing): 5 working days skip the weekend and National Day (Oct 1–8, makeup day Sep 28).
    const friday = new Date("2025-09-26T02:00:00Z");
    await db().case.update({ where: { id: row.id }, data: { completedAt: new Date("2025-09-25T02:00:00Z") } });
    const rated = await rateCase(
      citizen,
      row.caseNumber,
      { level: 1, tags: ["slow", "poorAttitude"], comment: "等了很久" },
      { now: friday },
    );
    const rectification = await db().rectification.findUniqueOrThrow({ where: { id: rated.rectificationId ?? "" } });
    expect(rectification).toMatchObject({ status: "OPEN", departmentId: clerk.departmentId });
    expect(rectification.dueDate.toISOString().slice(0, 10)).toBe("2025-10-10");

    const tasks = await listDepartmentRectifications(clerk, { now: new Date("2025-10-09T02:00:00Z"), status: "open" });
    const task = tasks.find((entry) => entry.id === rectification.id);
    // Masked in the list and on the task; the full number only on request, and that read is logged for the person.
    expect(task).toMatchObject({
      warning: "YELLOW",
      level: 1,
      caseNumber: row.caseNumber,
      applicantPhone: "138****8000",
    });
    expect((await getDepartmentRectification(clerk, rectification.id)).applicantPhone).toBe("138****8000");
    const readsBefore = await db().auditLog.count({ where: { action: "read.contact", objectId: rectification.id } });
    expect(
      (await getDepartmentRectification(clerk, rectification.id, { revealContact: true, ip: "10.18.0.7" }))
        .applicantPhone,
    ).toBe("13800138000");
    expect(
      await db().auditLog.count({
        where: { action: "read.contact", objectId: rectification.id, actorId: clerk.userId, ip: "10.18.0.7" },
      }),
    ).toBe(readsBefore + 1);
    expect(
      (await listOwnReadLog(citizen)).entries.some(
        (entry) => entry.action === "read.contact" && entry.caseNumber === row.caseNumber,
      ),
    ).toBe(true);
    // The supervision case view shows the rating with its rectification, phone masked; another department's
    // staff do not reach it.
    const supervisorView = await listCaseRatings(await actorFor({ loginName: "supervisor" }), row.caseNumber, {
      now: new Date("2025-10-09T02:00:00Z"),
    });
    expect(JSON.stringify(supervisorView)).not.toContain("13800138000");
    expect(JSON.stringify(supervisorView)).toContain("138****8000");
    expect(JSON.stringify(supervisorView)).toContain("等了很久");
    expect((await expectAppError(listCaseRatings(await otherDepartmentClerk(), row.caseNumber))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await listDepartmentRectifications(clerk, { now: new Date("2025-10-13T02:00:00Z") })).find(
        (entry) => entry.id === rectification.id,
      )?.warning,
    ).toBe("RED");

    const stranger = await otherDepartmentClerk();
    const reply = {
      id: rectification.id,
      contactedAt: "2025-09-29",
      outcome: "已电话回访，窗口人员已批评教育",
      reply: "对您的不便深表歉意，已加强窗口培训。",
    };
    expect((await expectAppError(replyToRectification(stranger, reply))).code).toBe("NOT_FOUND");
    expect((await expectAppError(replyToRectification(clerk, { ...reply, outcome: "" }))).details.fieldErrors).toEqual({
      outcome: "feedback.rectify.errors.outcome",
    });
    // Before the reply the applicant sees no reply.
    expect((await getMyEvaluation(citizen, "CASE", row.caseNumber)).evaluation?.rectification?.reply).toBeNull();
    await replyToRectification(clerk, reply);
    expect((await expectAppError(replyToRectification(clerk, reply))).code).toBe("CONFLICT");
    expect(
      await db().notification.count({ where: { userId: citizen.userId, template: "evaluation.replied" } }),
    ).toBeGreaterThanOrEqual(1);

    const supervisor = await actorFor({ loginName: "supervisor" });
    expect((await expectAppError(reviewRectification(clerk, { id: rectification.id, decision: "accept" }))).code).toBe(
      "FORBIDDEN",
    );
    const review = await listForReview(supervisor);
    expect(review.toReview.find((entry) => entry.id === rectification.id)).toMatchObject({
      applicantPhone: "138****8000",
      reply: reply.reply,
    });
    expect(
      (await expectAppError(reviewRectification(supervisor, { id: rectification.id, decision: "reopen" }))).details
        .fieldErrors,
    ).toEqual({ note: "feedback.review.errors.noteRequired" });
    await reviewRectification(supervisor, { id: rectification.id, decision: "reopen", note: "请写明具体整改措施" });
    expect((await db().rectification.findUniqueOrThrow({ where: { id: rectification.id } })).status).toBe("REOPENED");
    await replyToRectification(clerk, { ...reply, reply: "已对窗口人员培训，并调整午间值班，确保不再久等。" });
    await reviewRectification(supervisor, { id: rectification.id, decision: "accept" });

    const seen = await getMyEvaluation(citizen, "CASE", row.caseNumber);
    expect(seen.evaluation?.rectification).toMatchObject({
      status: "ACCEPTED",
      reply: "已对窗口人员培训，并调整午间值班，确保不再久等。",
      canAppeal: true,
    });
    expect(JSON.stringify(seen)).not.toContain("批评教育");
    await appealRectification(citizen, { id: rectification.id, reason: "问题没有解决" });
    expect((await listForReview(supervisor)).toReview.find((entry) => entry.id === rectification.id)).toMatchObject({
      status: "APPEALED",
      appeal: "问题没有解决",
    });
    await reviewRectification(supervisor, { id: rectification.id, decision: "accept", note: "经核实已整改" });
    expect(
      (await expectAppError(appealRectification(citizen, { id: rectification.id, reason: "再次申诉" }))).code,
    ).toBe("CONFLICT");
    const stranger2 = await actorFor({ phone: "13800138001" });
    expect((await expectAppError(appealRectification(stranger2, { id: rectification.id, reason: "x" }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("rates an attended visit; public figures count good shares and suppress groups under 5 ratings", async () => {
    const citizen = await actorFor({ phone: "13800138000" });
    const clerk = await actorFor({ loginName: "clerk" });
    const departmentId = clerk.departmentId ?? "";
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId },
      orderBy: { implementationCode: "desc" },
    });
    const office = await db().office.findFirstOrThrow();
    // A slot that began up to an hour ago, but today in China time: just after midnight there a slot from an hour
    // ago is yesterday's, and the counter checks in today's visits only.
    const now = Date.now();
    const startsAt = new Date(Math.max(now - 3600_000, chinaDayStart(chinaToday()).getTime()));
    const slot = await db().officeSlot.create({
      data: { officeId: office.id, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), capacity: 1, booked: 1 },
    });
    const booking = await db().booking.create({
      data: {
        slotId: slot.id,
        userId: citizen.userId,
        code: `E${Date.now().toString().slice(-8)}`,
        serviceItemId: item.id,
      },
    });
    expect(
      (await expectAppError(rateTouchpoint(citizen, { kind: "BOOKING", ref: booking.id }, { level: 5 }))).code,
    ).toBe("UNPROCESSABLE");
    // The counter checks the visitor in (lib/bookings/attendance.ts), during the slot.
    await checkInVisit(
      clerk,
      { bookingId: booking.id },
      null,
      new Date(Math.min(slot.startsAt.getTime() + 10 * 60_000, now)),
    );
    expect(
      await rateTouchpoint(citizen, { kind: "BOOKING", ref: booking.id }, { level: 5, tags: ["friendlyStaff"] }),
    ).toMatchObject({ created: true });

    const before = (await satisfactionByDepartment()).find((row) => row.id === departmentId);
    expect(before === undefined || before.goodShare === null).toBe(true);

    // Four more ratings for cases of one item in that department: 5 ratings, 3 good, 2 bad, 1 rectified.
    for (const level of [4, 3, 1, 2, 5]) {
      const row = await makeCase({ departmentId, serviceItemId: item.id, applicant: citizen, status: "COMPLETED" });
      await db().case.update({ where: { id: row.id }, data: { completedAt: new Date() } });
      const result = await rateCase(citizen, row.caseNumber, { level, tags: level <= 2 ? ["slow"] : [] });
      if (level === 1) {
        await replyToRectification(clerk, {
          id: result.rectificationId,
          contactedAt: new Date().toISOString().slice(0, 10),
          outcome: "核实",
          reply: "已整改",
        });
        await reviewRectification(await actorFor({ loginName: "supervisor" }), {
          id: result.rectificationId,
          decision: "accept",
        });
      }
    }
    const byItem = (await satisfactionByItem()).find((row) => row.id === item.id);
    // The visit was for the same item: 6 ratings, 3 good.
    expect(byItem).toMatchObject({ ratings: MIN_PUBLISHED + 1, goodShare: 3 / 6, badRatings: 2 });
    expect(byItem?.rectifiedShare).toBe(1 / 2);
    const byDepartment = (await satisfactionByDepartment()).find((row) => row.id === departmentId);
    expect(byDepartment?.ratings).toBeGreaterThanOrEqual(6);
  });
});
