import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { getSupervisionCase } from "../../lib/supervision/case-view";
import { addSupervisionNote, answerExplanationRequest, listExplanationRequests } from "../../lib/supervision/oversight";
import { expectAppError } from "../support/errors";
import { actorFor, makeCase, otherDepartmentClerk } from "./cases-fixtures";

describe("supervision on a case (督办)", () => {
  it("keeps a supervisor's comment, request and the department's answer on the case, hidden from the applicant, audited", async () => {
    const supervisor = await actorFor({ loginName: "supervisor" });
    const clerk = await actorFor({ loginName: "clerk" });
    const stranger = await otherDepartmentClerk();
    const made = await makeCase({ departmentId: clerk.departmentId ?? "" });

    await addSupervisionNote(supervisor, {
      caseNumber: made.caseNumber,
      kind: "comment",
      text: "受理环节用时偏长，请关注。",
    });
    const { eventId } = await addSupervisionNote(supervisor, {
      caseNumber: made.caseNumber,
      kind: "request",
      text: "请说明超期原因。",
    });

    // Only supervisors write; input is validated; unknown cases are not found.
    expect(
      (await expectAppError(addSupervisionNote(clerk, { caseNumber: made.caseNumber, kind: "comment", text: "x" })))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await expectAppError(
          addSupervisionNote(await actorFor({ loginName: "admin" }), {
            caseNumber: made.caseNumber,
            kind: "comment",
            text: "x",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const empty = await expectAppError(
      addSupervisionNote(supervisor, { caseNumber: made.caseNumber, kind: "request", text: "  " }),
    );
    expect(empty.details.fieldErrors?.text).toBe("supervision.errors.required");
    expect(
      (
        await expectAppError(
          addSupervisionNote(supervisor, { caseNumber: "00000000000000000000", kind: "comment", text: "x" }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    // The department sees the open request; another department does not.
    const open = await listExplanationRequests(clerk);
    expect(open.find((request) => request.requestId === eventId)).toMatchObject({
      caseNumber: made.caseNumber,
      text: "请说明超期原因。",
      answer: null,
    });
    expect((await listExplanationRequests(stranger)).some((request) => request.caseNumber === made.caseNumber)).toBe(
      false,
    );
    expect(
      (
        await expectAppError(
          answerExplanationRequest(stranger, { caseNumber: made.caseNumber, requestId: eventId, text: "?" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await expectAppError(
          answerExplanationRequest(supervisor, { caseNumber: made.caseNumber, requestId: eventId, text: "?" }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    await answerExplanationRequest(clerk, {
      caseNumber: made.caseNumber,
      requestId: eventId,
      text: "申请人补充材料耗时，已于当日办结。",
    });
    expect(
      (
        await expectAppError(
          answerExplanationRequest(clerk, { caseNumber: made.caseNumber, requestId: eventId, text: "again" }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect((await listExplanationRequests(clerk)).find((request) => request.requestId === eventId)?.answer?.text).toBe(
      "申请人补充材料耗时，已于当日办结。",
    );

    const events = await db().caseEvent.findMany({
      where: { caseId: made.id, action: { startsWith: "supervision." } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.visibleToApplicant])).toEqual([
      ["supervision.comment", false],
      ["supervision.explanationRequested", false],
      ["supervision.explanationGiven", false],
    ]);
    const audit = await db().auditLog.findMany({
      where: { objectType: "Case", objectId: made.id, action: { startsWith: "supervision." } },
    });
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      "supervision.comment",
      "supervision.explanationGiven",
      "supervision.explanationRequested",
    ]);

    // The read-only view: any case for supervisors, no actions, the thread with the answer; department admins only their own.
    const view = await getSupervisionCase(supervisor, made.caseNumber);
    expect(view.actions).toEqual([]);
    expect(view.canComment).toBe(true);
    expect(view.thread.map((entry) => [entry.kind, entry.answer?.text ?? null])).toEqual([
      ["comment", null],
      ["request", "申请人补充材料耗时，已于当日办结。"],
    ]);
    expect(view.timeline.some((event) => event.action.startsWith("supervision."))).toBe(false);
    const foreign = await makeCase({ departmentId: stranger.departmentId ?? "" });
    expect((await getSupervisionCase(supervisor, foreign.caseNumber)).caseNumber).toBe(foreign.caseNumber);
    expect(
      (await expectAppError(getSupervisionCase(await actorFor({ loginName: "deptadmin" }), foreign.caseNumber))).code,
    ).toBe("NOT_FOUND");
    expect((await getSupervisionCase(await actorFor({ loginName: "deptadmin" }), made.caseNumber)).canComment).toBe(
      false,
    );
  });
});
