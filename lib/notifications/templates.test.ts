import { describe, expect, it } from "vitest";
import { backoffMs } from "./delivery";
import { notificationLink, renderNotification, renderSms, TEMPLATES } from "./templates";

describe("notification templates", () => {
  it("has a subject and a body for every template in both languages, without placeholders left", () => {
    const params = {
      caseNumber: "511602202501020000001",
      item: "食品经营许可",
      itemEn: "Food business licence",
      toStatus: "ACCEPTED",
      reason: "材料不全",
      dueDate: "2025-10-10T00:00:00.000Z",
    };
    for (const template of TEMPLATES) {
      for (const locale of ["zh-CN", "en"] as const) {
        const rendered = renderNotification(locale, template, params);
        expect(rendered.subject, `${locale} ${template}`).not.toBe(template);
        expect(rendered.body.length, `${locale} ${template}`).toBeGreaterThan(0);
        expect(`${rendered.subject}${rendered.body}`).not.toMatch(/[{}]/);
      }
    }
    expect(renderNotification("zh-CN", "case.accept", params)).toEqual({
      subject: "申请已受理：食品经营许可",
      body: "办件 511602202501020000001（食品经营许可）已受理，承诺办结日期 2025年10月10日。",
    });
    expect(renderNotification("en", "case.statusChanged", params).body).toBe(
      "Case 511602202501020000001 (Food business licence) is now: Accepted.",
    );
    expect(renderSms("zh-CN", "case.deny", params)).toBe(
      "【一网通办】办件 511602202501020000001（食品经营许可）不予许可。理由：材料不全",
    );
  });

  it("tells the query code in the submission message when it has one, and reads whole without it", () => {
    const params = { caseNumber: "51160220250102000001", item: "食品经营许可", itemEn: "Food business licence" };
    expect(renderNotification("zh-CN", "case.submit", { ...params, queryCode: "K7M2P9QX" }).body).toBe(
      "您的申请（办件编号 51160220250102000001，食品经营许可）已提交，部门将尽快预审。查询码：K7M2P9QX。凭办件编号和查询码，不登录也可以在“办件查询”查看进度，请妥善保存。",
    );
    expect(renderNotification("zh-CN", "case.submit", params).body).toBe(
      "您的申请（办件编号 51160220250102000001，食品经营许可）已提交，部门将尽快预审。",
    );
    expect(renderSms("en", "case.submit", { ...params, queryCode: "K7M2P9QX" })).toContain("Query code: K7M2P9QX.");
  });

  it("links to what a notification is about", () => {
    expect(notificationLink({ kind: "case", caseNumber: "1" })).toBe("/account/applications/1");
    expect(notificationLink({ kind: "consultation", consultationId: "x" })).toBe("/account/consultations/x");
    expect(notificationLink(null)).toBeNull();
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3600_000);
  });
});
