import { describe, expect, it } from "vitest";
import { listUsers } from "../../lib/admin/queries";
import { listWebhooks } from "../../lib/api/webhooks";
import { listCreatableDepartments } from "../../lib/catalogue/admin-options";
import { listManagedItems } from "../../lib/catalogue/availability";
import { listReviewQueue } from "../../lib/catalogue/versions";
import { getStaffCase } from "../../lib/cases/detail";
import { db } from "../../lib/db/client";
import { listStaff } from "../../lib/reference/staff";
import { departmentOptions } from "../../lib/supervision/dashboard";
import { actorFor } from "../support/actors";
import { expectAppError } from "../support/errors";
import { actorFor as applicantFor, makeCase } from "./cases-fixtures";

/**
 * The policy's visibility scopes (lib/auth/policy.ts `departmentScope`, `case.staffView`) as the lists that use them
 * answer against a real database: every department, one's own, or none (a department administrator whose account
 * names no department, which the scope answers with an empty list rather than a placeholder id).
 */

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

async function setting() {
  const admin = await actorFor("admin");
  const deptAdmin = await actorFor("deptadmin");
  const own = deptAdmin.departmentId;
  if (!own) throw new Error("the seeded department administrator has a department");
  const otherItem = await db().serviceItem.findFirstOrThrow({
    where: { departmentId: { not: own } },
    orderBy: { implementationCode: "asc" },
  });
  const ownItem = await db().serviceItem.findFirstOrThrow({
    where: { departmentId: own },
    orderBy: { implementationCode: "asc" },
  });
  return { admin, deptAdmin, adrift: { ...deptAdmin, departmentId: null }, own, ownItem, otherItem };
}

describe("department scopes", () => {
  it("staff accounts: every account for platform administrators, their department's for department administrators", async () => {
    const { admin, deptAdmin, adrift, own } = await setting();
    expect(ids(await listUsers(admin, 10_000))).toEqual(ids(await db().user.findMany({ select: { id: true } })));
    expect(ids(await listUsers(deptAdmin, 10_000))).toEqual(
      ids(await db().user.findMany({ where: { departmentId: own }, select: { id: true } })),
    );
    expect(await listUsers(adrift)).toEqual([]);
    expect(ids(await listStaff(deptAdmin))).toEqual(
      ids(
        await db().user.findMany({
          where: { departmentId: own, role: { in: ["CLERK", "DEPT_ADMIN"] } },
          select: { id: true },
        }),
      ),
    );
    expect(await listStaff(adrift)).toEqual([]);
  });

  it("items: the departments offered for a new item, the managed items and the review queue", async () => {
    const { admin, deptAdmin, adrift, own, ownItem, otherItem } = await setting();
    expect((await listCreatableDepartments(admin, "zh-CN")).length).toBe(await db().department.count());
    expect((await listCreatableDepartments(deptAdmin, "zh-CN")).map((department) => department.value)).toEqual([own]);
    expect(await listCreatableDepartments(adrift, "zh-CN")).toEqual([]);
    expect((await listManagedItems(adrift)).total).toBe(0);

    for (const item of [ownItem, otherItem]) {
      const last = await db().itemVersion.findFirst({
        where: { serviceItemId: item.id },
        orderBy: { number: "desc" },
        select: { number: true },
      });
      await db().itemVersion.create({
        data: {
          serviceItemId: item.id,
          number: (last?.number ?? 0) + 1,
          status: "IN_REVIEW",
          content: {},
          submittedAt: new Date(),
        },
      });
    }
    const queued = async (actor: typeof admin) =>
      (await listReviewQueue(actor)).map((version) => version.serviceItem.implementationCode);
    expect(await queued(admin)).toEqual(
      expect.arrayContaining([ownItem.implementationCode, otherItem.implementationCode]),
    );
    expect(await queued(deptAdmin)).toContain(ownItem.implementationCode);
    expect(await queued(deptAdmin)).not.toContain(otherItem.implementationCode);
    expect(await listReviewQueue(adrift)).toEqual([]);
  });

  it("webhooks: every department's subscriptions for platform administrators, their own for department administrators", async () => {
    const { admin, deptAdmin, adrift, own, otherItem } = await setting();
    const created = [];
    for (const departmentId of [own, otherItem.departmentId]) {
      created.push(
        await db().webhookSubscription.create({
          data: { departmentId, url: "https://hooks.example.test/cases", secret: "whsec_test", events: [] },
        }),
      );
    }
    const [ownHook, otherHook] = created as [(typeof created)[number], (typeof created)[number]];
    expect(ids(await listWebhooks(admin))).toEqual(expect.arrayContaining([ownHook.id, otherHook.id]));
    expect(ids(await listWebhooks(deptAdmin))).toContain(ownHook.id);
    expect(ids(await listWebhooks(deptAdmin))).not.toContain(otherHook.id);
    expect(await listWebhooks(adrift)).toEqual([]);
  });

  it("supervision: every department for supervisors, a department administrator's own, and a refusal for the rest", async () => {
    const { deptAdmin, adrift, own } = await setting();
    expect((await departmentOptions(await actorFor("supervisor"))).length).toBe(await db().department.count());
    expect(ids(await departmentOptions(deptAdmin))).toEqual([own]);
    expect((await expectAppError(departmentOptions(adrift))).code).toBe("FORBIDDEN");
    expect((await expectAppError(departmentOptions(await actorFor("clerk")))).code).toBe("FORBIDDEN");
  });
});

describe("the staff case view", () => {
  it("shows a case to its department's staff, supervisors and platform administrators, and to its applicant only as missing", async () => {
    const clerk = await actorFor("clerk");
    const citizen = await applicantFor({ phone: "13800138000" });
    const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
    for (const staff of [clerk, await actorFor("supervisor"), await actorFor("admin")])
      expect((await getStaffCase(staff, row.caseNumber)).caseNumber).toBe(row.caseNumber);
    expect((await expectAppError(getStaffCase(citizen, row.caseNumber))).code).toBe("NOT_FOUND");
  });
});
