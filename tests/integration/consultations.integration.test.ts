import { describe, expect, it } from "vitest";
import {
  answerConsultation,
  askQuestion,
  getMyConsultation,
  listDepartmentConsultations,
  listMyConsultations,
  publishedFaqs,
  setFaqPublished,
} from "../../lib/consultations/consultations";
import { db } from "../../lib/db/client";
import { expectAppError } from "../support/errors";
import { actorFor, makeCase, otherDepartmentClerk } from "./cases-fixtures";

/** 咨询/投诉 against a real database. */

describe("consultations and complaints", () => {
  it("a question about an item reaches its department with a due date, is answered once, notified, and published as an FAQ without the asker", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: clerk.departmentId ?? "", status: "ACTIVE" },
    });
    const invalid = await expectAppError(
      askQuestion(citizen, { kind: "QUESTION", itemCode: item.implementationCode, title: "", body: "短" }),
    );
    expect(invalid.details.fieldErrors).toEqual({
      title: "feedback.ask.errors.title",
      body: "feedback.ask.errors.body",
    });
    expect(
      (
        await expectAppError(
          askQuestion(clerk, {
            kind: "QUESTION",
            itemCode: item.implementationCode,
            title: "问题",
            body: "工作人员不能提问",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    // Monday 2025-09-29 + 5 working days across National Day: Sep 30, Oct 9, 10, 11 (makeup Saturday), 13.
    const now = new Date("2025-09-29T02:00:00Z");
    const asked = await askQuestion(
      citizen,
      {
        kind: "QUESTION",
        itemCode: item.implementationCode,
        title: "个体户可以网上办理吗？",
        body: "我是个体工商户，请问这个事项可以全程网办吗？",
      },
      { now },
    );
    expect(asked).toMatchObject({
      kind: "QUESTION",
      status: "OPEN",
      departmentId: clerk.departmentId,
      serviceItemId: item.id,
    });
    expect(asked.dueDate.toISOString().slice(0, 10)).toBe("2025-10-13");

    const stranger = await otherDepartmentClerk();
    expect((await listDepartmentConsultations(stranger)).some((row) => row.id === asked.id)).toBe(false);
    const list = await listDepartmentConsultations(clerk, { now: new Date("2025-10-14T02:00:00Z"), status: "open" });
    expect(list.find((row) => row.id === asked.id)?.warning).toBe("RED");
    expect(
      (await listDepartmentConsultations(clerk, { now: new Date("2025-10-12T02:00:00Z") })).find(
        (row) => row.id === asked.id,
      )?.warning,
    ).toBe("YELLOW");

    expect((await expectAppError(answerConsultation(stranger, { id: asked.id, answer: "可以。" }))).code).toBe(
      "NOT_FOUND",
    );
    await answerConsultation(clerk, {
      id: asked.id,
      answer: "可以，登录后点击“在线办理”即可全程网办。",
      publish: "on",
    });
    expect((await expectAppError(answerConsultation(clerk, { id: asked.id, answer: "再答一次" }))).code).toBe(
      "CONFLICT",
    );
    expect(
      await db().notification.count({
        where: {
          userId: citizen.userId,
          template: "consultation.answered",
          dedupeKey: `consultation-answer:${asked.id}`,
        },
      }),
    ).toBe(1);
    expect(await db().auditLog.count({ where: { objectId: asked.id } })).toBe(2);

    const faqs = await publishedFaqs(item.id);
    expect(faqs.find((faq) => faq.id === asked.id)).toEqual({
      id: asked.id,
      title: "个体户可以网上办理吗？",
      body: "我是个体工商户，请问这个事项可以全程网办吗？",
      answer: "可以，登录后点击“在线办理”即可全程网办。",
      answeredAt: expect.any(Date),
    });
    await setFaqPublished(clerk, { id: asked.id, publish: false });
    expect((await publishedFaqs(item.id)).some((faq) => faq.id === asked.id)).toBe(false);

    expect((await getMyConsultation(citizen, asked.id)).answer).toContain("全程网办");
    const other = await actorFor({ phone: "13800138001" });
    expect((await expectAppError(getMyConsultation(other, asked.id))).code).toBe("NOT_FOUND");
    expect((await listMyConsultations(citizen)).some((row) => row.id === asked.id)).toBe(true);
  });

  it("a complaint about one's own case goes to the case's department; someone else's case is refused", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    const complaint = await askQuestion(citizen, {
      kind: "COMPLAINT",
      caseNumber: row.caseNumber,
      title: "超期未办理",
      body: "提交很久了还没有受理。",
    });
    expect(complaint).toMatchObject({ kind: "COMPLAINT", caseId: row.id, departmentId: row.departmentId });
    const other = await actorFor({ phone: "13800138001" });
    const refused = await expectAppError(
      askQuestion(other, { kind: "COMPLAINT", caseNumber: row.caseNumber, title: "投诉", body: "别人的办件不能投诉" }),
    );
    expect(refused.details.fieldErrors).toEqual({ caseNumber: "feedback.ask.errors.notYourCase" });
    // Complaints are never published.
    await answerConsultation(clerk, { id: complaint.id, answer: "已加急处理。", publish: "on" });
    expect((await db().consultation.findUniqueOrThrow({ where: { id: complaint.id } })).publishedAsFaq).toBe(false);
    expect((await expectAppError(setFaqPublished(clerk, { id: complaint.id, publish: true }))).code).toBe(
      "UNPROCESSABLE",
    );
  });

  it("a report that a guide is wrong reaches the item's department, names the part, is answered like a question and never becomes an FAQ", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const citizen = await actorFor({ phone: "13800138000" });
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: clerk.departmentId ?? "", status: "ACTIVE" },
    });
    const invalid = await expectAppError(
      askQuestion(citizen, { kind: "GUIDE_ERROR", itemCode: item.implementationCode, part: "colour", body: "短" }),
    );
    expect(invalid.details.fieldErrors).toEqual({
      part: "feedback.guideError.errors.part",
      body: "feedback.guideError.errors.body",
    });
    expect(
      (
        await expectAppError(
          askQuestion(citizen, {
            kind: "GUIDE_ERROR",
            itemCode: "NO-SUCH-ITEM",
            part: "fees",
            body: "收费标准已经取消",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    // The same 5 working days a question gets (Monday 2025-09-29 → 2025-10-13 across National Day).
    const reported = await askQuestion(
      citizen,
      {
        kind: "GUIDE_ERROR",
        itemCode: item.implementationCode,
        part: "windows",
        body: "窗口已经搬到市民中心二楼，指南里还是旧地址。",
      },
      { now: new Date("2025-09-29T02:00:00Z") },
    );
    expect(reported).toMatchObject({
      kind: "GUIDE_ERROR",
      guidePart: "windows",
      title: "办理地点和时间",
      status: "OPEN",
      departmentId: clerk.departmentId,
      serviceItemId: item.id,
    });
    expect(reported.dueDate.toISOString().slice(0, 10)).toBe("2025-10-13");
    expect((await listDepartmentConsultations(clerk)).some((row) => row.id === reported.id)).toBe(true);
    expect(
      await db().auditLog.count({ where: { objectId: reported.id, action: "consultation.reportGuideError" } }),
    ).toBe(1);

    await answerConsultation(clerk, { id: reported.id, answer: "已核实，指南地址已更正。", publish: "on" });
    const answered = await getMyConsultation(citizen, reported.id);
    expect(answered).toMatchObject({ status: "ANSWERED", publishedAsFaq: false });
    expect((await publishedFaqs(item.id)).some((faq) => faq.id === reported.id)).toBe(false);
  });
});
