import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/policy";
import { takeCaseAction } from "../../lib/cases/take-action";
import {
  decideSupplementApproval,
  pendingSupplementApprovals,
  requestSupplementApproval,
  supplementApprovalsOf,
} from "../../lib/cases/supplement-approval";
import { transitionCase } from "../../lib/cases/transition";
import { db } from "../../lib/db/client";
import { listStaffAlerts } from "../../lib/notifications/staff-alerts";
import { expectAppError } from "../support/errors";
import { actorFor, ALL_DUTIES, makeCase, otherDepartmentClerk } from "./cases-fixtures";

/**
 * Issue 19, 一次性告知: the first supplement request of a case goes out as before; a further one needs a supervisor's
 * approval with a reason, one approval allows one request, and each request has its written notice.
 */

const supplement = (actor: Actor, caseNumber: string, expectedVersion: number, note = "营业执照副本复印件不清晰") =>
  takeCaseAction(
    actor,
    caseNumber,
    { action: "requestSupplement", expectedVersion, supplementList: [{ materialCode: "M1", note }] },
    { ip: "10.6.0.9" },
  );

async function caseState(id: string) {
  return db().case.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } });
}

/** A case that has had its first supplement request and the applicant's resubmission (back in 预审). */
async function afterFirstSupplement() {
  const clerk = await actorFor({ loginName: "clerk" });
  const applicant = await actorFor({ phone: "13800138000" });
  const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant });
  await supplement(clerk, row.caseNumber, 0);
  await transitionCase(applicant, row.caseNumber, { action: "resubmit", expectedVersion: 1 }, { ip: null });
  expect(await caseState(row.id)).toEqual({ status: "PRE_REVIEW", version: 2 });
  return { clerk, applicant, row };
}

/** A department administrator holding every duty (the upgrade gives existing ones all four). */
async function departmentHead(deptAdmin: Actor): Promise<Actor> {
  const loginName = `head-${deptAdmin.departmentId?.slice(0, 8)}`;
  const user =
    (await db().user.findUnique({ where: { loginName } })) ??
    (await db().user.create({
      data: {
        role: "DEPT_ADMIN",
        realName: "赵科长",
        loginName,
        passwordHash: "x",
        departmentId: deptAdmin.departmentId,
        duties: [...ALL_DUTIES],
      },
    }));
  return {
    userId: user.id,
    role: "DEPT_ADMIN",
    realName: user.realName,
    departmentId: user.departmentId,
    companyId: null,
    assuranceLevel: 2,
    duties: user.duties,
  };
}

describe("a second supplement request", () => {
  it("is refused without an approval, changes nothing and writes no notice", async () => {
    const { clerk, row } = await afterFirstSupplement();
    const eventsBefore = await db().caseEvent.count({ where: { caseId: row.id } });
    const refused = await expectAppError(supplement(clerk, row.caseNumber, 2, "还缺经营场所证明"));
    expect([refused.code, refused.messageKey]).toEqual(["UNPROCESSABLE", "cases.supplementApproval.errors.needed"]);
    expect(await caseState(row.id)).toEqual({ status: "PRE_REVIEW", version: 2 });
    expect(await db().caseEvent.count({ where: { caseId: row.id } })).toBe(eventsBefore);
    // The REST API goes through the same function: the same refusal.
    const view = await supplementApprovalsOf(clerk, row.caseNumber);
    expect(view).toEqual({ supplements: 1, approvals: [] });
  });

  it("goes out once a supervisor approved the clerk's reasoned request; the approval is spent", async () => {
    const { clerk, row } = await afterFirstSupplement();
    const supervisor = await actorFor({ loginName: "supervisor" });
    const deptAdmin = await actorFor({ loginName: "deptadmin" });

    // The reason is required; the first request needed none.
    expect(
      (await expectAppError(requestSupplementApproval(clerk, row.caseNumber, { reason: "  " }, { ip: null }))).details
        .fieldErrors,
    ).toEqual({ reason: "cases.errors.required" });
    const asked = await requestSupplementApproval(
      clerk,
      row.caseNumber,
      { reason: "首次告知时经营场所证明原件尚在核查，现核查发现需补交租赁合同" },
      { ip: null },
    );
    expect(asked.status).toBe("PENDING");
    // Only one open request at a time.
    expect(
      (await expectAppError(requestSupplementApproval(clerk, row.caseNumber, { reason: "再问一次" }, { ip: null })))
        .messageKey,
    ).toBe("cases.supplementApproval.errors.pending");

    // Those who decide are told (supervisors and the department's administrators), and list it.
    const alerts = await listStaffAlerts(supervisor, "zh-CN");
    expect(
      alerts.alerts.some(
        (alert) => alert.subject.includes("再次补正") && alert.link === `/admin/supervision/cases/${row.caseNumber}`,
      ),
    ).toBe(true);
    expect((await pendingSupplementApprovals(supervisor)).map((entry) => entry.caseNumber)).toContain(row.caseNumber);
    expect((await pendingSupplementApprovals(deptAdmin)).map((entry) => entry.caseNumber)).toContain(row.caseNumber);

    // Still refused while pending.
    expect((await expectAppError(supplement(clerk, row.caseNumber, 2))).messageKey).toBe(
      "cases.supplementApproval.errors.needed",
    );

    // A refusal needs a note; a bad decision is a validation error.
    expect(
      (
        await expectAppError(
          decideSupplementApproval(supervisor, row.caseNumber, asked.id, { decision: "REFUSE" }, { ip: null }),
        )
      ).details.fieldErrors,
    ).toEqual({ note: "cases.supplementApproval.errors.refusalNote" });
    expect(
      (
        await expectAppError(
          decideSupplementApproval(supervisor, row.caseNumber, asked.id, { decision: "MAYBE" }, { ip: null }),
        )
      ).code,
    ).toBe("VALIDATION");
    await decideSupplementApproval(
      supervisor,
      row.caseNumber,
      asked.id,
      { decision: "APPROVE", note: "同意，注明原因" },
      { ip: null },
    );
    expect(
      (
        await expectAppError(
          decideSupplementApproval(
            deptAdmin,
            row.caseNumber,
            asked.id,
            { decision: "REFUSE", note: "x" },
            { ip: null },
          ),
        )
      ).messageKey,
    ).toBe("cases.supplementApproval.errors.decided");

    await supplement(clerk, row.caseNumber, 2, "请补交经营场所租赁合同");
    expect(await caseState(row.id)).toMatchObject({ status: "SUPPLEMENT_REQUESTED" });
    const second = await db().caseEvent.findFirstOrThrow({
      where: { caseId: row.id, action: "requestSupplement" },
      orderBy: { at: "desc" },
    });
    // The second notice is written too, and names the approval it spent.
    expect(second.data).toMatchObject({ supplementApprovalId: asked.id, noticeFileId: expect.any(String) });
    const view = await supplementApprovalsOf(clerk, row.caseNumber);
    expect(view.supplements).toBe(2);
    expect(view.approvals.map((approval) => [approval.status, approval.decidedBy])).toEqual([
      ["USED", supervisor.realName],
    ]);

    // A third needs a new approval.
    await transitionCase(
      await actorFor({ phone: "13800138000" }),
      row.caseNumber,
      { action: "resubmit", expectedVersion: 3 },
      { ip: null },
    );
    expect((await expectAppError(supplement(clerk, row.caseNumber, 4))).messageKey).toBe(
      "cases.supplementApproval.errors.needed",
    );
    const audit = await db().auditLog.findMany({
      where: { objectId: row.id, action: { startsWith: "case.supplementApproval" } },
      select: { action: true },
    });
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      "case.supplementApproval.decide",
      "case.supplementApproval.request",
    ]);
  });

  it("is decided only by a supervisor or the department's administrator, never by who asked", async () => {
    const { clerk, row } = await afterFirstSupplement();
    const asked = await requestSupplementApproval(
      clerk,
      row.caseNumber,
      { reason: "申请人提交的新材料引出新的问题" },
      { ip: null },
    );
    const deptAdmin = await actorFor({ loginName: "deptadmin" });
    // A clerk (even the asker), or staff of another department, cannot decide: unknown to them.
    for (const stranger of [clerk, await otherDepartmentClerk()]) {
      expect(
        (
          await expectAppError(
            decideSupplementApproval(stranger, row.caseNumber, asked.id, { decision: "APPROVE" }, { ip: null }),
          )
        ).code,
      ).toBe("NOT_FOUND");
    }
    // A department administrator who asked may not approve their own request.
    await decideSupplementApproval(
      deptAdmin,
      row.caseNumber,
      asked.id,
      { decision: "REFUSE", note: "按已收材料办理" },
      { ip: null },
    );
    expect((await expectAppError(supplement(clerk, row.caseNumber, 2))).messageKey).toBe(
      "cases.supplementApproval.errors.needed",
    );
    const head = await departmentHead(deptAdmin);
    const own = await requestSupplementApproval(head, row.caseNumber, { reason: "负责人自行申请" }, { ip: null });
    expect(
      (
        await expectAppError(
          decideSupplementApproval(head, row.caseNumber, own.id, { decision: "APPROVE" }, { ip: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // An unknown approval id, or one of another case, is unknown.
    const supervisor = await actorFor({ loginName: "supervisor" });
    expect(
      (
        await expectAppError(
          decideSupplementApproval(supervisor, row.caseNumber, "not-an-id", { decision: "APPROVE" }, { ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const other = await afterFirstSupplement();
    expect(
      (
        await expectAppError(
          decideSupplementApproval(supervisor, other.row.caseNumber, own.id, { decision: "APPROVE" }, { ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("cannot be asked for before a first request, by someone without the step, or after acceptance", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const fresh = await makeCase({ departmentId: clerk.departmentId ?? "" });
    expect(
      (await expectAppError(requestSupplementApproval(clerk, fresh.caseNumber, { reason: "x" }, { ip: null })))
        .messageKey,
    ).toBe("cases.supplementApproval.errors.firstNeedsNone");
    const { row } = await afterFirstSupplement();
    expect(
      (
        await expectAppError(
          requestSupplementApproval(await otherDepartmentClerk(), row.caseNumber, { reason: "x" }, { ip: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await takeCaseAction(clerk, row.caseNumber, { action: "accept", expectedVersion: 2 }, { ip: null });
    expect(
      (await expectAppError(requestSupplementApproval(clerk, row.caseNumber, { reason: "x" }, { ip: null }))).code,
    ).toBe("UNPROCESSABLE");
  });
});
