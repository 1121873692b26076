import { describe, expect, it } from "vitest";
import { takeCaseAction } from "../../lib/cases/take-action";
import { db } from "../../lib/db/client";
import { sweepDeadlines } from "../../lib/jobs/deadlines";
import { listStaffAlerts } from "../../lib/notifications/staff-alerts";
import { expectAppError } from "../support/errors";
import { actorFor, beijing, makeCase } from "./cases-fixtures";

/**
 * 督办提醒 (issue 19): a case turning yellow, then red, tells its department's administrators and the supervisors,
 * once per level, in their alerts page (and by e-mail, a delivery of the same notification).
 */
describe("supervision alerts", () => {
  it("tells the department administrator and the supervisors once per escalation level", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const deptAdmin = await actorFor({ loginName: "deptadmin" });
    const supervisor = await actorFor({ loginName: "supervisor" });
    const row = await makeCase({
      departmentId: clerk.departmentId ?? "",
      submittedAt: beijing("2031-05-05", 9),
      promisedDays: 5,
    });
    await takeCaseAction(
      clerk,
      row.caseNumber,
      { action: "accept", expectedVersion: 0 },
      { ip: null, now: beijing("2031-05-05") },
    );
    const alertsOf = (userId: string) =>
      db().notification.findMany({
        where: { userId, template: "case.escalated", params: { path: ["caseNumber"], equals: row.caseNumber } },
      });

    await sweepDeadlines({ now: beijing("2031-05-09") });
    expect((await alertsOf(deptAdmin.userId)).map((entry) => (entry.params as { warning: string }).warning)).toEqual([
      "YELLOW",
    ]);
    await sweepDeadlines({ now: beijing("2031-05-09", 15) });
    expect(await alertsOf(supervisor.userId)).toHaveLength(1);

    await sweepDeadlines({ now: beijing("2031-05-20") });
    expect(
      (await alertsOf(deptAdmin.userId)).map((entry) => (entry.params as { warning: string }).warning).sort(),
    ).toEqual(["RED", "YELLOW"]);
    expect(await alertsOf(supervisor.userId)).toHaveLength(2);
    expect(await alertsOf(clerk.userId)).toHaveLength(0);
    // An e-mail delivery is queued beside the alert (sent when SMTP is configured and the person has an address).
    const [first] = await alertsOf(deptAdmin.userId);
    expect(await db().delivery.count({ where: { notificationId: first!.id, channel: "EMAIL" } })).toBe(1);

    const { alerts } = await listStaffAlerts(deptAdmin, "zh-CN");
    const red = alerts.find((alert) => alert.body.includes(row.caseNumber) && alert.subject.includes("红灯"));
    expect(red).toMatchObject({ link: `/admin/supervision/cases/${row.caseNumber}` });
    expect(red?.body).toContain("承诺办结日期");
    expect((await expectAppError(listStaffAlerts(clerk, "zh-CN"))).code).toBe("FORBIDDEN");
  });
});
