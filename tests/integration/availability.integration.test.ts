import { describe, expect, it } from "vitest";
import { findSuspensionNotice, listManagedItems, setItemAvailability } from "../../lib/catalogue/availability";
import { findItemGuide } from "../../lib/catalogue/queries";
import { db } from "../../lib/db/client";
import { searchCatalogue } from "../../lib/search/query";
import { actorFor } from "../support/actors";
import { expectAppError } from "../support/errors";

describe("suspending and resuming an item", () => {
  it("takes an item offline with a public notice and brings it back, audited and re-indexed", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: deptAdmin.departmentId ?? "", status: "ACTIVE" },
      orderBy: { implementationCode: "asc" },
    });
    const searchHits = async () =>
      (
        await searchCatalogue(db(), {
          q: item.name,
          department: (await db().department.findUniqueOrThrow({ where: { id: item.departmentId } })).code,
          pageSize: 100,
          record: false,
        })
      ).items.map((hit) => hit.implementationCode);
    expect(await searchHits()).toContain(item.implementationCode);

    await setItemAvailability({
      actor: deptAdmin,
      input: {
        action: "suspend",
        code: item.implementationCode,
        notice: "系统升级，暂停网上和窗口受理，预计 12 月 1 日恢复。",
      },
      ip: "10.7.0.1",
    });
    expect(await findItemGuide(item.implementationCode)).toBeNull();
    expect((await findSuspensionNotice(item.implementationCode))?.suspensionNotice).toMatch(/系统升级/);
    expect(await searchHits()).not.toContain(item.implementationCode);
    const audit = await db().auditLog.findFirst({ where: { objectId: item.id, action: "catalogue.item.suspend" } });
    expect(audit).toMatchObject({ actorId: deptAdmin.userId, ip: "10.7.0.1" });

    await setItemAvailability({
      actor: deptAdmin,
      input: { action: "resume", code: item.implementationCode },
      ip: null,
    });
    expect(await findItemGuide(item.implementationCode)).not.toBeNull();
    expect(await findSuspensionNotice(item.implementationCode)).toBeNull();
    expect(await searchHits()).toContain(item.implementationCode);
  });

  it("wants a real notice and keeps the item as it was", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const item = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: deptAdmin.departmentId ?? "", status: "ACTIVE" },
    });
    const error = await expectAppError(
      setItemAvailability({
        actor: deptAdmin,
        input: { action: "suspend", code: item.implementationCode, notice: "维护" },
        ip: null,
      }),
    );
    expect(error.details.fieldErrors).toEqual({ notice: "errors.availability.noticeTooShort" });
    expect((await db().serviceItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("ACTIVE");
  });

  it("lets a department administrator manage only their own department's items", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const other = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: { not: deptAdmin.departmentId ?? "" }, status: "ACTIVE" },
    });
    const forbidden = await expectAppError(
      setItemAvailability({
        actor: deptAdmin,
        input: { action: "suspend", code: other.implementationCode, notice: "越权操作测试，不应生效。" },
        ip: null,
      }),
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    const clerk = await actorFor("clerk");
    const own = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: clerk.departmentId ?? "", status: "ACTIVE" },
    });
    expect(
      (
        await expectAppError(
          setItemAvailability({
            actor: clerk,
            input: { action: "suspend", code: own.implementationCode, notice: "窗口人员无权暂停事项。" },
            ip: null,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await expectAppError(
          setItemAvailability({
            actor: deptAdmin,
            input: { action: "suspend", code: "NO-SUCH", notice: "不存在的事项编码测试。" },
            ip: null,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    const managed = await listManagedItems(deptAdmin);
    expect(managed.total).toBe(await db().serviceItem.count({ where: { departmentId: deptAdmin.departmentId ?? "" } }));
    expect(managed.items.every((row) => row.editable)).toBe(true);
    const platform = await listManagedItems(await actorFor("admin"));
    expect(platform.total).toBe(await db().serviceItem.count());
    await expect(listManagedItems(clerk)).rejects.toThrow(/FORBIDDEN/);
  });
});
