import { describe, expect, it } from "vitest";
import { takeCaseAction } from "../../lib/cases/take-action";
import { approvalFormPdf } from "../../lib/cases/approval-form";
import { getStaffCase } from "../../lib/cases/detail";
import { answerJointOpinion, escalateOverdueOpinions } from "../../lib/cases/joint-opinions";
import { listQueue, queueCounts } from "../../lib/console/queues";
import { db } from "../../lib/db/client";
import type { Actor } from "../../lib/auth/policy";
import { expectAppError } from "../support/errors";
import { pdfText } from "../support/pdf";
import {
  actorFor,
  ALL_DUTIES,
  beijing,
  colleagueOf,
  LICENSING_WORKFLOW,
  makeCase,
  otherDepartmentClerk,
  SIMPLE_WORKFLOW,
} from "./cases-fixtures";

/**
 * Issue 19: a case runs its item version's workflow. Who may take each step (duties), in which order (a decision
 * only after every opinion), separation of duties, the opinions recorded, and what each person's queue offers.
 */

const act = (actor: Actor, caseNumber: string, input: Record<string, unknown>, now?: Date) =>
  takeCaseAction(actor, caseNumber, input, { ip: "10.6.0.9", now });

async function state(id: string) {
  return db().case.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, currentStep: true, currentDuty: true },
  });
}

async function staff() {
  const clerk = await actorFor({ loginName: "clerk" });
  return {
    /** 陈静 in the demo: 受理 and 承办 (审查). */
    clerk,
    reviewer: await colleagueOf(clerk, "孙审核", ["REVIEW"]),
    decider: await colleagueOf(clerk, "刘决定", ["DECISION"]),
    allDuties: await colleagueOf(clerk, "吴全岗", ALL_DUTIES),
  };
}

describe("a licensing case through its workflow", () => {
  it("goes 受理 → 审查 → 审核 → 决定 → 办结 with the right duty at each step, and records every opinion", async () => {
    const { clerk, reviewer, decider } = await staff();
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", workflow: LICENSING_WORKFLOW });
    expect(await state(row.id)).toMatchObject({ status: "SUBMITTED" });

    // Someone without the intake duty cannot accept; nothing changes.
    const notIntake = await expectAppError(act(decider, row.caseNumber, { action: "accept", expectedVersion: 0 }));
    expect([notIntake.code, notIntake.messageKey]).toEqual(["FORBIDDEN", "cases.errors.notYourDuty"]);
    expect(await state(row.id)).toMatchObject({ status: "SUBMITTED", version: 0 });

    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 });
    expect(await state(row.id)).toMatchObject({
      status: "ACCEPTED",
      currentStep: "EXAMINATION",
      currentDuty: "HANDLING",
    });

    // Out of order: no decision before the opinions, whoever asks.
    const early = await expectAppError(act(decider, row.caseNumber, { action: "approve", expectedVersion: 1 }));
    expect([early.code, early.messageKey]).toEqual(["UNPROCESSABLE", "cases.errors.signOffsPending"]);
    // 审查 needs the handling duty.
    expect(
      (await expectAppError(act(reviewer, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 1 })))
        .messageKey,
    ).toBe("cases.errors.notYourDuty");
    // An opinion is required; 不同意 needs reasons.
    expect(
      (await expectAppError(act(clerk, row.caseNumber, { action: "signOff", expectedVersion: 1 }))).details.fieldErrors,
    ).toEqual({ opinion: "cases.errors.required" });
    expect(
      (await expectAppError(act(clerk, row.caseNumber, { action: "signOff", opinion: "DISAGREE", expectedVersion: 1 })))
        .details.fieldErrors,
    ).toEqual({ reason: "cases.errors.disagreeReason" });
    expect(
      (await expectAppError(act(clerk, row.caseNumber, { action: "signOff", opinion: "MAYBE", expectedVersion: 1 })))
        .code,
    ).toBe("VALIDATION");
    expect(await state(row.id)).toMatchObject({ status: "ACCEPTED", version: 1 });

    await act(clerk, row.caseNumber, {
      action: "signOff",
      opinion: "AGREE",
      reason: "材料齐全，符合法定条件",
      expectedVersion: 1,
    });
    expect(await state(row.id)).toMatchObject({ status: "IN_REVIEW", currentStep: "REVIEW", currentDuty: "REVIEW" });
    // The examiner cannot review too (no duty here); the reviewer's queue now holds the case, the clerk's does not.
    expect(
      (await expectAppError(act(clerk, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 2 })))
        .messageKey,
    ).toBe("cases.errors.notYourDuty");
    expect(
      (await listQueue(reviewer, { view: "todo", q: row.caseNumber })).rows.map((entry) => entry.caseNumber),
    ).toEqual([row.caseNumber]);
    expect((await listQueue(clerk, { view: "todo", q: row.caseNumber })).rows).toEqual([]);
    expect((await queueCounts(reviewer)).todo).toBeGreaterThanOrEqual(1);
    expect((await getStaffCase(reviewer, row.caseNumber)).actions).toEqual([
      "signOff",
      "startSpecialProcedure",
      "suspend",
    ]);
    expect((await getStaffCase(clerk, row.caseNumber)).actions).toEqual([]);

    // A stale version is a conflict, not a second signature.
    expect(
      (await expectAppError(act(reviewer, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 1 })))
        .code,
    ).toBe("CONFLICT");
    await act(reviewer, row.caseNumber, {
      action: "signOff",
      opinion: "DISAGREE",
      reason: "经营范围表述需规范",
      expectedVersion: 2,
    });
    expect(await state(row.id)).toMatchObject({
      status: "IN_REVIEW",
      currentStep: "DECISION",
      currentDuty: "DECISION",
    });
    expect((await getStaffCase(decider, row.caseNumber)).actions).toEqual(expect.arrayContaining(["approve", "deny"]));
    expect((await getStaffCase(decider, row.caseNumber)).actions).not.toContain("signOff");

    await act(decider, row.caseNumber, { action: "approve", expectedVersion: 3 });
    expect(await state(row.id)).toMatchObject({
      status: "APPROVED",
      currentStep: "COMPLETION",
      currentDuty: "HANDLING",
    });
    // 办结 (出证) is the handling duty's, not the decider's.
    expect(
      (await expectAppError(act(decider, row.caseNumber, { action: "complete", expectedVersion: 4 }))).messageKey,
    ).toBe("cases.errors.notYourDuty");
    expect(await db().licence.count({ where: { caseId: row.id } })).toBe(0);
    await act(clerk, row.caseNumber, { action: "complete", expectedVersion: 4 });
    expect(await state(row.id)).toMatchObject({ status: "COMPLETED", currentStep: "DELIVERY", currentDuty: "INTAKE" });

    const detail = await getStaffCase(decider, row.caseNumber);
    expect(detail.workflow.steps.map((step) => step.kind)).toEqual([
      "PRE_REVIEW",
      "ACCEPTANCE",
      "EXAMINATION",
      "REVIEW",
      "DECISION",
      "COMPLETION",
      "DELIVERY",
    ]);
    expect(
      detail.workflow.signatures.map(({ step, action, opinion, comment, signer }) => ({
        step,
        action,
        opinion,
        comment,
        signer,
      })),
    ).toEqual([
      { step: "ACCEPTANCE", action: "accept", opinion: null, comment: null, signer: clerk.realName },
      {
        step: "EXAMINATION",
        action: "signOff",
        opinion: "AGREE",
        comment: "材料齐全，符合法定条件",
        signer: clerk.realName,
      },
      {
        step: "REVIEW",
        action: "signOff",
        opinion: "DISAGREE",
        comment: "经营范围表述需规范",
        signer: reviewer.realName,
      },
      { step: "DECISION", action: "approve", opinion: null, comment: null, signer: decider.realName },
      { step: "COMPLETION", action: "complete", opinion: null, comment: null, signer: clerk.realName },
    ]);
    // The 审批表 lists every step with its signer and opinion; only staff who may read the case get it.
    const form = await pdfText(await approvalFormPdf(decider, row.caseNumber, { ip: null }));
    for (const expected of [
      "行政审批表",
      "审查（承办）",
      "审核",
      "不同意。经营范围表述需规范",
      reviewer.realName,
      decider.realName,
      "同意（准予）",
    ])
      expect(form).toContain(expected);
    expect(
      (await expectAppError(approvalFormPdf(await otherDepartmentClerk(), row.caseNumber, { ip: null }))).code,
    ).toBe("NOT_FOUND");
    expect(
      await db().auditLog.count({ where: { action: "read.case", actorId: decider.userId, objectId: row.id } }),
    ).toBeGreaterThanOrEqual(1);
    // Each opinion is in the audit trail with its signer.
    const audits = await db().auditLog.findMany({
      where: { objectId: row.id, action: "case.signOff" },
      orderBy: { at: "asc" },
    });
    expect(audits.map((entry) => entry.actorId)).toEqual([clerk.userId, reviewer.userId]);
  });

  it("keeps whoever examined or reviewed a case from reviewing or deciding it (separation of duties)", async () => {
    const { clerk, reviewer, decider, allDuties } = await staff();
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", workflow: LICENSING_WORKFLOW });
    await act(allDuties, row.caseNumber, { action: "accept", expectedVersion: 0 });
    await act(allDuties, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 1 });
    const selfReview = await expectAppError(
      act(allDuties, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 2 }),
    );
    expect([selfReview.code, selfReview.messageKey]).toEqual(["FORBIDDEN", "cases.errors.separationOfDuties"]);
    expect((await getStaffCase(allDuties, row.caseNumber)).actions).not.toContain("signOff");
    await act(reviewer, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 2 });
    const selfDecision = await expectAppError(
      act(allDuties, row.caseNumber, { action: "approve", expectedVersion: 3 }),
    );
    expect(selfDecision.messageKey).toBe("cases.errors.separationOfDuties");
    expect(await state(row.id)).toMatchObject({ status: "IN_REVIEW", version: 3 });
    await act(decider, row.caseNumber, {
      action: "deny",
      reason: "不符合法定条件",
      legalBasis: "《行政许可法》第三十八条",
      expectedVersion: 3,
    });
    expect(await state(row.id)).toMatchObject({ status: "DENIED", currentStep: null, currentDuty: null });
  });

  it("lets one person with every duty take every step when the item does not separate duties", async () => {
    const { clerk, allDuties } = await staff();
    const row = await makeCase({
      departmentId: clerk.departmentId ?? "",
      workflow: { ...LICENSING_WORKFLOW, separateDuties: false },
    });
    let version = 0;
    for (const input of [
      { action: "accept" },
      { action: "signOff", opinion: "AGREE" },
      { action: "signOff", opinion: "AGREE" },
      { action: "approve" },
    ])
      await act(allDuties, row.caseNumber, { ...input, expectedVersion: version++ });
    expect(await state(row.id)).toMatchObject({ status: "APPROVED" });
  });
});

describe("a simple item's case", () => {
  it("is taken from acceptance to completion by one clerk, with no sign-offs to give", async () => {
    const { clerk, reviewer } = await staff();
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", workflow: SIMPLE_WORKFLOW });
    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 });
    expect(await state(row.id)).toMatchObject({ currentStep: "DECISION", currentDuty: "HANDLING" });
    expect(
      (await expectAppError(act(clerk, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 1 })))
        .messageKey,
    ).toBe("cases.errors.notInWorkflow");
    // A person without the handling duty cannot decide it either.
    expect(
      (await expectAppError(act(reviewer, row.caseNumber, { action: "approve", expectedVersion: 1 }))).messageKey,
    ).toBe("cases.errors.notYourDuty");
    await act(clerk, row.caseNumber, { action: "startReview", expectedVersion: 1 });
    await act(clerk, row.caseNumber, { action: "approve", expectedVersion: 2 });
    await act(clerk, row.caseNumber, { action: "complete", expectedVersion: 3 });
    expect(await state(row.id)).toMatchObject({ status: "COMPLETED" });
  });

  it("offers staff of another department nothing, and a person without duties nothing", async () => {
    const { clerk } = await staff();
    const stranger = await otherDepartmentClerk();
    const noDuties = await colleagueOf(clerk, "郑无岗", []);
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", workflow: SIMPLE_WORKFLOW });
    expect((await expectAppError(act(stranger, row.caseNumber, { action: "accept", expectedVersion: 0 }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (await expectAppError(act(noDuties, row.caseNumber, { action: "accept", expectedVersion: 0 }))).messageKey,
    ).toBe("cases.errors.notYourDuty");
    expect((await getStaffCase(noDuties, row.caseNumber)).actions).toEqual([]);
    expect((await listQueue(noDuties, { view: "todo" })).rows).toEqual([]);
    expect(await state(row.id)).toMatchObject({ status: "SUBMITTED", version: 0 });
  });
});

describe("中止 (suspension)", () => {
  it("needs a reason and legal basis, pauses the clock until it resumes, and allows no decision meanwhile", async () => {
    const { clerk } = await staff();
    const row = await makeCase({
      departmentId: clerk.departmentId ?? "",
      workflow: SIMPLE_WORKFLOW,
      submittedAt: beijing("2031-03-03", 9),
    });
    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, beijing("2031-03-03"));
    const accepted = await db().case.findUniqueOrThrow({ where: { id: row.id } });
    const missing = await expectAppError(
      act(
        clerk,
        row.caseNumber,
        { action: "suspend", reason: "等待法院判决", expectedVersion: 1 },
        beijing("2031-03-04"),
      ),
    );
    expect(missing.details.fieldErrors).toEqual({ legalBasis: "cases.errors.required" });

    await act(
      clerk,
      row.caseNumber,
      { action: "suspend", reason: "等待法院判决", legalBasis: "《行政许可法》第三十六条", expectedVersion: 1 },
      beijing("2031-03-04"),
    );
    expect(await state(row.id)).toMatchObject({ status: "SUSPENDED", currentStep: "DECISION" });
    expect(
      (
        await expectAppError(
          act(clerk, row.caseNumber, { action: "approve", expectedVersion: 2 }, beijing("2031-03-05")),
        )
      ).code,
    ).toBe("UNPROCESSABLE");
    expect((await listQueue(clerk, { view: "accepted", q: row.caseNumber })).rows.map((entry) => entry.status)).toEqual(
      ["SUSPENDED"],
    );

    await act(
      clerk,
      row.caseNumber,
      { action: "resume", reason: "判决已送达", expectedVersion: 2 },
      beijing("2031-03-10"),
    );
    const resumed = await db().case.findUniqueOrThrow({ where: { id: row.id } });
    expect(resumed.status).toBe("IN_REVIEW");
    // Four working days (4 March to 10 March) did not count: the promised date moved by as many.
    expect(resumed.dueDate!.getTime()).toBeGreaterThan(accepted.dueDate!.getTime());
    const pause = await db().casePause.findFirstOrThrow({ where: { caseId: row.id, kind: "SUSPENSION" } });
    expect(pause).toMatchObject({
      reason: "等待法院判决",
      startedAt: beijing("2031-03-04"),
      endedAt: beijing("2031-03-10"),
    });
    await act(clerk, row.caseNumber, { action: "approve", expectedVersion: 3 }, beijing("2031-03-10", 11));
  });
});

describe("转报 (forwarding)", () => {
  it("moves the case into the target authority's queue under its item, to be accepted anew; the sender keeps reading it", async () => {
    const { clerk } = await staff();
    // An item of the clerk's department whose catalogue item another department implements too.
    const pairs = await db().$queryRaw<{ own: string; other: string; otherDepartment: string; code: string }[]>`
      SELECT a.id::text AS own, b.id::text AS other, b.department_id::text AS "otherDepartment", d.code
      FROM service_item a JOIN service_item b ON b.catalog_item_id = a.catalog_item_id AND b.department_id <> a.department_id
      JOIN department d ON d.id = b.department_id
      WHERE a.department_id = ${clerk.departmentId}::uuid AND a.status = 'ACTIVE' AND b.status = 'ACTIVE'
      ORDER BY a.implementation_code LIMIT 1`;
    const pair = pairs[0]!;
    const row = await makeCase({
      departmentId: clerk.departmentId ?? "",
      serviceItemId: pair.own,
      workflow: SIMPLE_WORKFLOW,
    });
    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 });

    const errorOf = async (targetDepartment: string) =>
      (
        await expectAppError(
          act(clerk, row.caseNumber, {
            action: "forward",
            reason: "依法应由上级机关办理",
            targetDepartment,
            expectedVersion: 1,
          }),
        )
      ).details.fieldErrors;
    expect(await errorOf("NO-SUCH-DEPT")).toEqual({ targetDepartment: "cases.errors.unknownDepartment" });
    const own = await db().department.findUniqueOrThrow({ where: { id: clerk.departmentId ?? "" } });
    expect(await errorOf(own.code)).toEqual({ targetDepartment: "cases.errors.sameDepartment" });
    const unrelated = await db().department.findFirstOrThrow({
      where: {
        id: { notIn: [own.id, pair.otherDepartment] },
        serviceItems: {
          none: {
            catalogItemId: (await db().serviceItem.findUniqueOrThrow({ where: { id: pair.own } })).catalogItemId,
          },
        },
      },
    });
    expect(await errorOf(unrelated.code)).toEqual({ targetDepartment: "cases.errors.noTargetItem" });
    expect((await getStaffCase(clerk, row.caseNumber)).forwardTargets.map((target) => target.code)).toContain(
      pair.code,
    );

    await act(clerk, row.caseNumber, {
      action: "forward",
      reason: "依法应由上级机关办理",
      targetDepartment: pair.code,
      expectedVersion: 1,
    });
    const moved = await db().case.findUniqueOrThrow({ where: { id: row.id } });
    expect(moved).toMatchObject({
      status: "SUBMITTED",
      departmentId: pair.otherDepartment,
      serviceItemId: pair.other,
      acceptedAt: null,
      dueDate: null,
      outcomeCode: null,
      sharedDepartmentIds: [clerk.departmentId],
    });
    expect(moved.currentDuty).toBe("INTAKE");

    // The sender reads it, takes no step; the target department's intake clerk accepts it with a fresh clock.
    const senderView = await getStaffCase(clerk, row.caseNumber);
    expect(senderView.actions).toEqual([]);
    expect(senderView.canProcess).toBe(false);
    const receiver = await db().user.create({
      data: {
        role: "CLERK",
        realName: "上级收件",
        loginName: `fwd-${row.caseNumber.slice(-8)}`,
        passwordHash: "x",
        departmentId: pair.otherDepartment,
        duties: ["INTAKE", "HANDLING"],
      },
    });
    const receiverActor: Actor = {
      userId: receiver.id,
      role: "CLERK",
      realName: receiver.realName,
      departmentId: pair.otherDepartment,
      companyId: null,
      assuranceLevel: 3,
      duties: receiver.duties,
    };
    expect(
      (await listQueue(receiverActor, { view: "todo", q: row.caseNumber })).rows.map((entry) => entry.caseNumber),
    ).toEqual([row.caseNumber]);
    await act(receiverActor, row.caseNumber, { action: "accept", expectedVersion: 2 });
    expect((await db().case.findUniqueOrThrow({ where: { id: row.id } })).acceptedAt).not.toBeNull();
    const event = await db().caseEvent.findFirstOrThrow({ where: { caseId: row.id, action: "forward" } });
    expect(event).toMatchObject({ visibleToApplicant: true, reason: "依法应由上级机关办理" });
    expect(event.data).toMatchObject({ toDepartmentId: pair.otherDepartment, fromDepartmentId: clerk.departmentId });
  });
});

describe("并联审批 (joint approval)", () => {
  it("asks two other departments on acceptance, waits for both, escalates an overdue one, and needs reasons for a no", async () => {
    const { clerk } = await staff();
    const others = await db().department.findMany({
      where: { id: { not: clerk.departmentId ?? "" }, parentId: null, regionCode: "511600000000" },
      orderBy: { code: "asc" },
      take: 2,
    });
    const [fire, environment] = others;
    const workflow = { ...SIMPLE_WORKFLOW, jointDepartmentCodes: [fire!.code, environment!.code], jointLimitDays: 3 };
    const row = await makeCase({
      departmentId: clerk.departmentId ?? "",
      workflow,
      submittedAt: beijing("2031-04-01", 9),
    });
    const opinionGiver = async (department: { id: string }, name: string, duties: ("REVIEW" | "INTAKE")[]) => {
      const user = await db().user.create({
        data: {
          role: "CLERK",
          realName: name,
          loginName: `joint-${name.length}-${duties.join("")}-${row.caseNumber.slice(-8)}-${department.id.slice(0, 4)}`,
          passwordHash: "x",
          departmentId: department.id,
          duties,
        },
      });
      return {
        userId: user.id,
        role: "CLERK" as const,
        realName: name,
        departmentId: department.id,
        companyId: null,
        assuranceLevel: 3,
        duties: user.duties,
      };
    };
    const fireReviewer = await opinionGiver(fire!, "消防审核", ["REVIEW"]);
    const envReviewer = await opinionGiver(environment!, "环保审核", ["REVIEW"]);
    const envIntake = await opinionGiver(environment!, "环保收件", ["INTAKE"]);

    // Before acceptance nobody is asked, and the other departments see nothing.
    expect(
      (
        await expectAppError(
          answerJointOpinion(fireReviewer, row.caseNumber, { opinion: "AGREE", expectedVersion: 0 }, { ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, beijing("2031-04-01", 10));
    const requests = await db().caseOpinionRequest.findMany({ where: { caseId: row.id } });
    expect(requests.map((request) => request.departmentId).sort()).toEqual([fire!.id, environment!.id].sort());
    expect(requests.every((request) => request.dueDate !== null)).toBe(true);
    expect((await listQueue(fireReviewer, { view: "joint" })).rows.map((entry) => entry.caseNumber)).toContain(
      row.caseNumber,
    );
    expect((await queueCounts(fireReviewer)).joint).toBeGreaterThanOrEqual(1);
    expect((await getStaffCase(fireReviewer, row.caseNumber)).mayGiveJointOpinion).toBe(true);

    // The decision waits for both answers.
    expect(
      (
        await expectAppError(
          act(clerk, row.caseNumber, { action: "approve", expectedVersion: 1 }, beijing("2031-04-02")),
        )
      ).messageKey,
    ).toBe("cases.errors.jointOpinionsPending");
    expect((await getStaffCase(clerk, row.caseNumber)).actions).not.toContain("approve");

    await answerJointOpinion(
      fireReviewer,
      row.caseNumber,
      { opinion: "AGREE", reason: "消防设施符合要求", expectedVersion: 1 },
      { ip: null, now: beijing("2031-04-02") },
    );
    expect(
      (
        await expectAppError(
          answerJointOpinion(fireReviewer, row.caseNumber, { opinion: "AGREE", expectedVersion: 2 }, { ip: null }),
        )
      ).messageKey,
    ).toBe("cases.errors.opinionGiven");
    // Overdue: escalated once, on the case's timeline.
    expect(await escalateOverdueOpinions(beijing("2031-04-10"))).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueOpinions(beijing("2031-04-11"))).toBe(0);
    expect(await db().caseEvent.count({ where: { caseId: row.id, action: "escalate" } })).toBe(1);

    // A "no" needs reasons and the legal basis; an intake clerk cannot give the department's opinion.
    expect(
      (
        await expectAppError(
          answerJointOpinion(envIntake, row.caseNumber, { opinion: "AGREE", expectedVersion: 2 }, { ip: null }),
        )
      ).messageKey,
    ).toBe("cases.errors.notYourDuty");
    const bare = await expectAppError(
      answerJointOpinion(envReviewer, row.caseNumber, { opinion: "DISAGREE", expectedVersion: 2 }, { ip: null }),
    );
    expect(bare.details.fieldErrors).toEqual({
      reason: "cases.errors.disagreeReason",
      legalBasis: "cases.errors.required",
    });
    await answerJointOpinion(
      envReviewer,
      row.caseNumber,
      { opinion: "DISAGREE", reason: "排污许可未取得", legalBasis: "《排污许可管理条例》第二条", expectedVersion: 2 },
      { ip: null, now: beijing("2031-04-10", 11) },
    );

    const detail = await getStaffCase(clerk, row.caseNumber);
    expect(detail.jointOpinions.map((entry) => [entry.department?.name, entry.opinion])).toEqual(
      expect.arrayContaining([
        [fire!.name, "AGREE"],
        [environment!.name, "DISAGREE"],
      ]),
    );
    // Back with the deciding department: it decides, here refusing on the environment bureau's grounds.
    expect(detail.actions).toEqual(expect.arrayContaining(["approve", "deny"]));
    await act(
      clerk,
      row.caseNumber,
      { action: "deny", reason: "生态环境部门不同意", legalBasis: "《排污许可管理条例》第二条", expectedVersion: 3 },
      beijing("2031-04-10", 15),
    );
    expect((await db().case.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("DENIED");
    const form = await pdfText(await approvalFormPdf(clerk, row.caseNumber, { ip: null }));
    for (const expected of [
      "并联审批意见",
      environment!.name,
      "排污许可未取得",
      "《排污许可管理条例》第二条",
      "环保审核",
    ])
      expect(form).toContain(expected);
  });
});

describe("a step taken in another department (departmentCode)", () => {
  it("hands the review to the named department, which then reads the case and signs; nobody else there may", async () => {
    const { clerk, decider } = await staff();
    const higher = await db().department.findFirstOrThrow({
      where: { id: { not: clerk.departmentId ?? "" }, parentId: null, regionCode: "511600000000" },
      orderBy: { code: "desc" },
    });
    const workflow = {
      ...LICENSING_WORKFLOW,
      steps: LICENSING_WORKFLOW.steps.map((step) =>
        step.kind === "REVIEW" ? { ...step, departmentCode: higher.code } : step,
      ),
    };
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", workflow });
    const user = await db().user.create({
      data: {
        role: "CLERK",
        realName: "上级审核",
        loginName: `xreview-${row.caseNumber.slice(-8)}`,
        passwordHash: "x",
        departmentId: higher.id,
        duties: ["REVIEW"],
      },
    });
    const outsideReviewer: Actor = {
      userId: user.id,
      role: "CLERK",
      realName: user.realName,
      departmentId: higher.id,
      companyId: null,
      assuranceLevel: 3,
      duties: user.duties,
    };
    const ownReviewer = await colleagueOf(clerk, "本部门审核", ["REVIEW"]);

    // Before the review step the other department sees nothing.
    expect((await expectAppError(getStaffCase(outsideReviewer, row.caseNumber))).code).toBe("NOT_FOUND");
    await act(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 });
    await act(clerk, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 1 });
    expect((await db().case.findUniqueOrThrow({ where: { id: row.id } })).sharedDepartmentIds).toEqual([higher.id]);

    // The review belongs to the named department: the own department's reviewer may not take it.
    expect(
      (
        await expectAppError(
          act(ownReviewer, row.caseNumber, { action: "signOff", opinion: "AGREE", expectedVersion: 2 }),
        )
      ).messageKey,
    ).toBe("cases.errors.notYourDuty");
    const view = await getStaffCase(outsideReviewer, row.caseNumber);
    expect(view.actions).toContain("signOff");
    expect(view.actions).not.toContain("approve");
    expect(view.canProcess).toBe(false);
    await act(outsideReviewer, row.caseNumber, {
      action: "signOff",
      opinion: "AGREE",
      reason: "上级审核同意",
      expectedVersion: 2,
    });
    await act(decider, row.caseNumber, { action: "approve", expectedVersion: 3 });
    expect((await db().case.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("APPROVED");
  });
});
