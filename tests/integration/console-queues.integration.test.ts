import { describe, expect, it } from "vitest";
import { takeCaseAction } from "../../lib/cases/take-action";
import { getStaffCase } from "../../lib/cases/detail";
import { addCaseNote, assignCase, transferCase } from "../../lib/cases/work";
import { listQueue, queueCounts } from "../../lib/console/queues";
import { db } from "../../lib/db/client";
import { sweepDeadlines } from "../../lib/jobs/deadlines";
import { expectAppError } from "../support/errors";
import { actorFor, beijing, colleagueOf, makeCase, otherDepartmentClerk } from "./cases-fixtures";

describe("the clerk's queues", () => {
  it("lists the department's cases by view with counts, pages by keyset without gaps or repeats, filters and searches", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const departmentId = clerk.departmentId ?? "";
    const before = await queueCounts(clerk);
    const made = [];
    for (let index = 0; index < 23; index++)
      made.push(
        await makeCase({
          departmentId,
          applicantName: index === 7 ? "欧阳娜娜" : `申请人${index}`,
          submittedAt: new Date(Date.UTC(2025, 5, 1 + index, 2)),
        }),
      );
    const stranger = await otherDepartmentClerk();
    const foreign = await makeCase({ departmentId: stranger.departmentId ?? "", applicantName: "欧阳娜娜" });

    const after = await queueCounts(clerk);
    expect(after.new - before.new).toBe(23);
    expect((await queueCounts(stranger)).new).toBeGreaterThanOrEqual(1);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listQueue>> = await listQueue(clerk, {
        view: "new",
        pageSize: 10,
        from: "2025-06-01",
        to: "2025-06-30",
        ...(cursor ? { after: cursor } : {}),
      });
      seen.push(...page.rows.map((row) => row.caseNumber));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    // Newest submission first.
    expect(seen).toEqual(
      [...made].sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime()).map((row) => row.caseNumber),
    );
    expect(seen).not.toContain(foreign.caseNumber);

    const byName = await listQueue(clerk, { view: "new", q: "欧阳" });
    expect(byName.rows.map((row) => row.caseNumber)).toEqual([made[7]?.caseNumber]);
    expect((await listQueue(clerk, { view: "new", applicant: "欧阳娜" })).rows).toHaveLength(1);
    const byNumber = await listQueue(clerk, { view: "new", q: made[3]?.caseNumber });
    expect(byNumber.rows.map((row) => row.caseNumber)).toEqual([made[3]?.caseNumber]);
    expect((await listQueue(stranger, { view: "new", q: made[3]?.caseNumber })).rows).toEqual([]);
    const item = await db().serviceItem.findUniqueOrThrow({ where: { id: made[0]?.serviceItemId ?? "" } });
    expect(
      (
        await listQueue(clerk, {
          view: "new",
          item: item.implementationCode,
          from: "2025-06-01",
          to: "2025-06-30",
          pageSize: 100,
        })
      ).rows,
    ).toHaveLength(23);
    expect((await listQueue(clerk, { view: "new", region: "999999999999" })).rows).toEqual([]);
    expect((await listQueue(clerk, { view: "new", from: "2025-06-05", to: "2025-06-05" })).rows).toHaveLength(1);
    expect(
      (await listQueue(clerk, { view: "new", status: "PRE_REVIEW", from: "2025-06-01", to: "2025-06-30" })).rows,
    ).toEqual([]);
    // A forged cursor is ignored, bad input is a validation error, citizens are refused.
    expect(
      (
        await listQueue(clerk, {
          view: "new",
          after: "bm90IGpzb24",
          from: "2025-06-01",
          to: "2025-06-30",
          pageSize: 100,
        })
      ).rows,
    ).toHaveLength(23);
    expect((await expectAppError(listQueue(clerk, { view: "everything" }))).code).toBe("VALIDATION");
    expect((await expectAppError(listQueue(await actorFor({ phone: "13800138000" }), { view: "new" }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("sorts open work by deadline and shows due-soon and overdue views kept by the deadline job", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const departmentId = clerk.departmentId ?? "";
    const early = await makeCase({ departmentId, submittedAt: beijing("2025-11-03", 9), promisedDays: 2 });
    const late = await makeCase({ departmentId, submittedAt: beijing("2025-11-03", 9), promisedDays: 10 });
    await takeCaseAction(
      clerk,
      late.caseNumber,
      { action: "accept", expectedVersion: 0 },
      { ip: null, now: beijing("2025-11-03") },
    );
    await takeCaseAction(
      clerk,
      early.caseNumber,
      { action: "accept", expectedVersion: 0 },
      { ip: null, now: beijing("2025-11-03") },
    );
    const accepted = (await listQueue(clerk, { view: "accepted", pageSize: 100 })).rows.map((row) => row.caseNumber);
    expect(accepted.indexOf(early.caseNumber)).toBeLessThan(accepted.indexOf(late.caseNumber));

    // 11-05 is the due day of the 2-day case: yellow. Two sweeps at once escalate it once.
    const [first, second] = await Promise.all([
      sweepDeadlines({ now: beijing("2025-11-05") }),
      sweepDeadlines({ now: beijing("2025-11-05") }),
    ]);
    expect(first.escalated + second.escalated).toBeGreaterThanOrEqual(1);
    expect(await db().caseEvent.count({ where: { caseId: early.id, action: "escalate" } })).toBe(1);
    expect((await db().case.findUniqueOrThrow({ where: { id: early.id } })).warning).toBe("YELLOW");
    expect((await db().case.findUniqueOrThrow({ where: { id: late.id } })).warning).toBe("GREEN");
    expect((await listQueue(clerk, { view: "dueSoon", pageSize: 100 })).rows.map((row) => row.caseNumber)).toContain(
      early.caseNumber,
    );

    await sweepDeadlines({ now: beijing("2025-11-05") });
    expect(await db().caseEvent.count({ where: { caseId: early.id, action: "escalate" } })).toBe(1);
    await sweepDeadlines({ now: beijing("2025-11-06") });
    const escalations = await db().caseEvent.findMany({
      where: { caseId: early.id, action: "escalate" },
      orderBy: { at: "asc" },
    });
    expect(escalations.map((event) => (event.data as { to: string }).to)).toEqual(["YELLOW", "RED"]);
    expect(escalations.every((event) => !event.visibleToApplicant)).toBe(true);
    expect(await db().auditLog.count({ where: { objectId: early.id, action: "case.escalate" } })).toBe(2);
    const overdue = await listQueue(clerk, { view: "overdue", pageSize: 100 });
    expect(overdue.rows.map((row) => row.caseNumber)).toContain(early.caseNumber);
    expect((await queueCounts(clerk)).overdue).toBeGreaterThanOrEqual(1);
    // The job never bumps the version: a clerk's pending action still goes through.
    expect((await db().case.findUniqueOrThrow({ where: { id: early.id } })).version).toBe(1);
  });

  it("claims, assigns to a colleague only, transfers with a reason, keeps internal notes from the applicant", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const colleague = await colleagueOf(clerk);
    const stranger = await otherDepartmentClerk();
    const row = await makeCase({ departmentId: clerk.departmentId ?? "" });

    const claimed = await assignCase(clerk, row.caseNumber, { expectedVersion: 0 }, { ip: null });
    expect(claimed).toMatchObject({ assigneeId: clerk.userId, version: 1 });
    expect((await listQueue(clerk, { view: "mine", pageSize: 100 })).rows.map((entry) => entry.caseNumber)).toContain(
      row.caseNumber,
    );
    expect(
      (
        await expectAppError(
          assignCase(clerk, row.caseNumber, { assigneeId: colleague.userId, expectedVersion: 0 }, { ip: null }),
        )
      ).code,
    ).toBe("CONFLICT");
    const foreignAssignee = await expectAppError(
      assignCase(clerk, row.caseNumber, { assigneeId: stranger.userId, expectedVersion: 1 }, { ip: null }),
    );
    expect(foreignAssignee.details.fieldErrors).toEqual({ assigneeId: "cases.errors.notColleague" });
    expect(
      await assignCase(clerk, row.caseNumber, { assigneeId: colleague.userId, expectedVersion: 1 }, { ip: null }),
    ).toMatchObject({ assigneeId: colleague.userId });
    expect(
      (await expectAppError(assignCase(stranger, row.caseNumber, { expectedVersion: 2 }, { ip: null }))).code,
    ).toBe("FORBIDDEN");

    await addCaseNote(clerk, row.caseNumber, { kind: "note", text: "申请人曾电话咨询，材料原件已核对" }, { ip: null });
    await addCaseNote(clerk, row.caseNumber, { kind: "message", text: "请于工作日携带原件到窗口核验" }, { ip: null });
    expect(
      (await expectAppError(addCaseNote(stranger, row.caseNumber, { kind: "note", text: "x" }, { ip: null }))).code,
    ).toBe("FORBIDDEN");
    const visible = await db().caseEvent.findMany({
      where: { caseId: row.id, visibleToApplicant: true },
      select: { action: true },
    });
    expect(visible.map((event) => event.action)).toEqual(expect.arrayContaining(["submit", "message"]));
    expect(visible.map((event) => event.action)).not.toContain("note");
    expect(visible.map((event) => event.action)).not.toContain("assign");

    const detail = await getStaffCase(clerk, row.caseNumber);
    expect(detail.applicant.idNumber).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(detail.answers[0]?.rows.find((entry) => entry.key === "idNo")?.value).toEqual({
      kind: "text",
      text: "511***********1234",
    });
    expect(detail.answers[0]?.rows.find((entry) => entry.key === "scope")?.value).toEqual({
      kind: "text",
      text: "预包装食品销售",
    });
    expect(detail.timeline.map((event) => event.action)).toEqual(["submit", "claim", "assign", "note", "message"]);
    expect(detail.actions).toEqual(
      expect.arrayContaining(["startPreReview", "accept", "requestSupplement", "rejectAtIntake"]),
    );

    const missingReason = await expectAppError(
      transferCase(
        clerk,
        row.caseNumber,
        { departmentId: stranger.departmentId, reason: "", expectedVersion: 2 },
        { ip: null },
      ),
    );
    expect(missingReason.details.fieldErrors).toEqual({ reason: "cases.errors.required" });
    const moved = await transferCase(
      clerk,
      row.caseNumber,
      { departmentId: stranger.departmentId, reason: "属于对方部门职责", expectedVersion: 2 },
      { ip: "10.6.0.2" },
    );
    expect(moved).toMatchObject({ departmentId: stranger.departmentId, assigneeId: null, version: 3 });
    expect(await db().auditLog.count({ where: { objectId: row.id, action: "case.transfer", ip: "10.6.0.2" } })).toBe(1);
    expect((await expectAppError(getStaffCase(clerk, row.caseNumber))).code).toBe("NOT_FOUND");
    expect((await getStaffCase(stranger, row.caseNumber)).canProcess).toBe(true);
  });
});
