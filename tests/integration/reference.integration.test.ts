import { describe, expect, it } from "vitest";
import { authenticate } from "../../lib/auth/authenticate";
import { db } from "../../lib/db/client";
import {
  deleteDepartment,
  getDepartment,
  listDepartmentOptions,
  listDepartments,
  saveDepartment,
} from "../../lib/reference/departments";
import { getOffice, listOffices, saveOffice, setOfficeActive } from "../../lib/reference/offices";
import { createRegion, listRegionTree, regionCodeProblem, updateRegion } from "../../lib/reference/regions";
import {
  assignableRoles,
  createStaff,
  getStaff,
  listStaff,
  resetStaffPassword,
  setStaffStatus,
  updateStaff,
} from "../../lib/reference/staff";
import { listThemes, moveTheme, saveTheme } from "../../lib/reference/themes";
import { randomCreditCode, withWrongCheckChar } from "../support/identities";
import { actorFor } from "../support/actors";
import { expectAppError } from "../support/errors";

const GUANGAN = "511600000000";
const departmentInput = (overrides: Record<string, unknown> = {}) => ({
  code: randomCreditCode(),
  name: "测试数据局",
  nameEn: "Test Data Bureau",
  kind: "data-bureau",
  regionCode: GUANGAN,
  parentId: "",
  address: "广安市测试路 1 号",
  phone: "0826-1234567",
  officeHours: "工作日 9:00–17:00",
  sortOrder: "90",
  ...overrides,
});

describe("departments", () => {
  it("creates, edits, moves and deletes an unused department, audited with before and after", async () => {
    const admin = await actorFor("admin");
    const parent = await saveDepartment({ actor: admin, input: departmentInput(), ip: "10.2.0.1" });
    const child = await saveDepartment({
      actor: admin,
      input: departmentInput({ name: "测试数据局信息中心", parentId: parent.id }),
      ip: null,
    });
    expect(child).toMatchObject({ parentId: parent.id, regionCode: GUANGAN, sortOrder: 90, kind: "data-bureau" });

    const listed = await listDepartments(admin, { regionCode: GUANGAN });
    const parentRow = listed.find((row) => row.id === parent.id);
    const childRow = listed.find((row) => row.id === child.id);
    expect(parentRow).toMatchObject({ depth: 0, inUse: true });
    expect(childRow).toMatchObject({ depth: 1, inUse: false });
    expect(listed.indexOf(childRow as never)).toBe(listed.indexOf(parentRow as never) + 1);

    // Move the child to the top level, rename it.
    await saveDepartment({
      actor: admin,
      input: departmentInput({ id: child.id, code: child.code, name: "测试信息中心", parentId: "" }),
      ip: null,
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { objectId: child.id, action: "reference.department.update" },
    });
    expect(audit.before).toMatchObject({ name: "测试数据局信息中心", parentId: parent.id });
    expect(audit.after).toMatchObject({ name: "测试信息中心", parentId: null });

    await deleteDepartment({ actor: admin, id: child.id, ip: null });
    await deleteDepartment({ actor: admin, id: parent.id, ip: null });
    expect(await db().department.count({ where: { id: { in: [parent.id, child.id] } } })).toBe(0);
    expect(
      await db().auditLog.count({ where: { objectId: parent.id, action: { startsWith: "reference.department." } } }),
    ).toBe(2);
  });

  it("validates the credit code, its uniqueness, the parent's region and cycles", async () => {
    const admin = await actorFor("admin");
    const existing = await db().department.findFirstOrThrow({ where: { regionCode: GUANGAN, parentId: null } });
    const code = randomCreditCode();
    const bad = await expectAppError(
      saveDepartment({ actor: admin, input: departmentInput({ code: withWrongCheckChar(code) }), ip: null }),
    );
    expect(bad.details.fieldErrors).toMatchObject({ code: "errors.creditCode.checksum" });
    expect(
      (await expectAppError(saveDepartment({ actor: admin, input: departmentInput({ code: "12345" }), ip: null })))
        .details.fieldErrors,
    ).toMatchObject({ code: "errors.creditCode.format" });
    const taken = await expectAppError(
      saveDepartment({ actor: admin, input: departmentInput({ code: existing.code }), ip: null }),
    );
    expect(taken).toMatchObject({ code: "CONFLICT", details: { fieldErrors: { code: "reference.errors.codeTaken" } } });
    const otherRegion = await db().department.findFirstOrThrow({ where: { regionCode: { not: GUANGAN } } });
    const parentRegion = await expectAppError(
      saveDepartment({ actor: admin, input: departmentInput({ parentId: otherRegion.id }), ip: null }),
    );
    expect(parentRegion.details.fieldErrors).toMatchObject({ parentId: "reference.errors.parentRegion" });

    const top = await saveDepartment({ actor: admin, input: departmentInput({ code }), ip: null });
    const sub = await saveDepartment({ actor: admin, input: departmentInput({ parentId: top.id }), ip: null });
    const cycle = await expectAppError(
      saveDepartment({
        actor: admin,
        input: departmentInput({ id: top.id, code: top.code, parentId: sub.id }),
        ip: null,
      }),
    );
    expect(cycle.details.fieldErrors).toMatchObject({ parentId: "reference.errors.cycle" });
    const self = await expectAppError(
      saveDepartment({
        actor: admin,
        input: departmentInput({ id: top.id, code: top.code, parentId: top.id }),
        ip: null,
      }),
    );
    expect(self.details.fieldErrors).toMatchObject({ parentId: "reference.errors.cycle" });
    const regionLocked = await expectAppError(
      saveDepartment({
        actor: admin,
        input: departmentInput({ id: top.id, code: top.code, regionCode: "510100000000" }),
        ip: null,
      }),
    );
    expect(regionLocked.details.fieldErrors).toMatchObject({ regionCode: "reference.errors.regionLocked" });
    expect((await db().department.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();
  });

  it("keeps departments in use and refuses everyone but platform administrators", async () => {
    const admin = await actorFor("admin");
    const deptAdmin = await actorFor("deptadmin");
    const clerk = await actorFor("clerk");
    const used = await expectAppError(deleteDepartment({ actor: admin, id: deptAdmin.departmentId ?? "", ip: null }));
    expect(used).toMatchObject({ code: "CONFLICT", messageKey: "reference.errors.inUse" });
    for (const actor of [deptAdmin, clerk]) {
      expect((await expectAppError(saveDepartment({ actor, input: departmentInput(), ip: null }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await expectAppError(deleteDepartment({ actor, id: deptAdmin.departmentId ?? "", ip: null }))).code).toBe(
        "FORBIDDEN",
      );
    }
    expect((await listDepartments(deptAdmin)).length).toBeGreaterThan(100);
    expect((await expectAppError(listDepartments(clerk))).code).toBe("FORBIDDEN");
  });
});

describe("regions", () => {
  it("checks GB/T 2260 codes against their level and parent", () => {
    const sichuan = { code: "510000000000", level: "PROVINCE" as const };
    const guangan = { code: GUANGAN, level: "CITY" as const };
    expect(regionCodeProblem("520000000000", "PROVINCE", null)).toBeNull();
    expect(regionCodeProblem("511700000000", "CITY", sichuan)).toBeNull();
    expect(regionCodeProblem("511623000000", "COUNTY", guangan)).toBeNull();
    expect(regionCodeProblem("511602001000", "TOWNSHIP", { code: "511602000000", level: "COUNTY" })).toBeNull();
    expect(regionCodeProblem("510000000000", "CITY", sichuan)).toBe("reference.errors.regionCodeLevel");
    expect(regionCodeProblem("511623000001", "COUNTY", guangan)).toBe("reference.errors.regionCodeLevel");
    expect(regionCodeProblem("521700000000", "CITY", sichuan)).toBe("reference.errors.regionCodeParent");
    expect(regionCodeProblem("510123000000", "COUNTY", guangan)).toBe("reference.errors.regionCodeParent");
  });

  it("creates a county under its city and renames it; refuses wrong levels, taken codes and non-admins", async () => {
    const admin = await actorFor("admin");
    const created = await createRegion({
      actor: admin,
      input: {
        code: "511623000000",
        name: "邻水县",
        nameEn: "Linshui County",
        level: "COUNTY",
        parentCode: GUANGAN,
        sortOrder: "5",
      },
      ip: null,
    });
    expect(created).toMatchObject({ code: "511623000000", level: "COUNTY", parentCode: GUANGAN, sortOrder: 5 });
    const tree = await listRegionTree(admin);
    expect(tree.find((row) => row.code === "511623000000")?.depth).toBe(2);

    await updateRegion({
      actor: admin,
      input: { code: "511623000000", name: "邻水县（测试）", nameEn: "Linshui", sortOrder: 1 },
      ip: null,
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { objectId: "511623000000", action: "reference.region.update" },
    });
    expect(audit.before).toMatchObject({ name: "邻水县" });
    expect(audit.after).toMatchObject({ name: "邻水县（测试）", sortOrder: 1 });

    const level = await expectAppError(
      createRegion({
        actor: admin,
        input: { code: "511624000000", name: "县", nameEn: "C", level: "COUNTY", parentCode: "511602000000" },
        ip: null,
      }),
    );
    expect(level.details.fieldErrors).toMatchObject({ parentCode: "reference.errors.parentLevel" });
    const provinceWithParent = await expectAppError(
      createRegion({
        actor: admin,
        input: { code: "520000000000", name: "省", nameEn: "P", level: "PROVINCE", parentCode: "510000000000" },
        ip: null,
      }),
    );
    expect(provinceWithParent.details.fieldErrors).toMatchObject({ parentCode: "reference.errors.parentLevel" });
    const taken = await expectAppError(
      createRegion({
        actor: admin,
        input: { code: "511602000000", name: "重复", nameEn: "D", level: "COUNTY", parentCode: GUANGAN },
        ip: null,
      }),
    );
    expect(taken.details.fieldErrors).toMatchObject({ code: "reference.errors.codeTaken" });
    const shortCode = await expectAppError(
      createRegion({
        actor: admin,
        input: { code: "5116", name: "x", nameEn: "x", level: "CITY", parentCode: "510000000000" },
        ip: null,
      }),
    );
    expect(shortCode.details.fieldErrors).toMatchObject({ code: "reference.errors.regionCode" });
    expect(
      (
        await expectAppError(
          updateRegion({ actor: admin, input: { code: "519999000000", name: "无", nameEn: "None" }, ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    for (const actor of [await actorFor("deptadmin"), await actorFor("clerk")]) {
      expect(
        (
          await expectAppError(
            createRegion({
              actor,
              input: { code: "511699000000", name: "x", nameEn: "x", level: "COUNTY", parentCode: GUANGAN },
              ip: null,
            }),
          )
        ).code,
      ).toBe("FORBIDDEN");
      expect(
        (await expectAppError(updateRegion({ actor, input: { code: GUANGAN, name: "改名", nameEn: "x" }, ip: null })))
          .code,
      ).toBe("FORBIDDEN");
    }
    expect((await db().region.findUniqueOrThrow({ where: { code: GUANGAN } })).name).toBe("广安市");
  });
});

describe("themes", () => {
  it("creates, edits and reorders themes within their audience", async () => {
    const admin = await actorFor("admin");
    const theme = await saveTheme({
      actor: admin,
      input: { mode: "create", code: "pets", name: "宠物饲养", nameEn: "Pets", audience: "PERSONAL" },
      ip: null,
    });
    const personal = async () =>
      (await listThemes(admin)).filter((row) => row.audience === "PERSONAL").map((row) => row.code);
    const order = await personal();
    expect(order.at(-1)).toBe("pets");
    await moveTheme({ actor: admin, input: { code: "pets", direction: "up" }, ip: null });
    const moved = await personal();
    expect(moved.at(-2)).toBe("pets");
    expect(moved.at(-1)).toBe(order.at(-2));
    await moveTheme({ actor: admin, input: { code: order[0], direction: "up" }, ip: null });
    expect((await personal())[0]).toBe(order[0]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { objectId: "pets", action: "reference.theme.move" } });
    expect(audit.after).toMatchObject({ order: moved });

    await saveTheme({
      actor: admin,
      input: { mode: "update", code: theme.code, name: "宠物", nameEn: "Pets and animals", audience: "PERSONAL" },
      ip: null,
    });
    expect(await db().theme.findUniqueOrThrow({ where: { code: "pets" } })).toMatchObject({
      name: "宠物",
      nameEn: "Pets and animals",
      featured: false,
    });
    // Chosen for the home page as the form posts it ("true"), audited; a value that is neither is refused.
    await saveTheme({
      actor: admin,
      input: { mode: "update", code: "pets", name: "宠物", nameEn: "Pets", audience: "PERSONAL", featured: "true" },
      ip: null,
    });
    expect((await db().theme.findUniqueOrThrow({ where: { code: "pets" } })).featured).toBe(true);
    const featuredAudit = await db().auditLog.findFirstOrThrow({
      where: { objectId: "pets", action: "reference.theme.update" },
      orderBy: { at: "desc" },
    });
    expect([featuredAudit.before, featuredAudit.after]).toMatchObject([{ featured: false }, { featured: true }]);
    const badChoice = await expectAppError(
      saveTheme({
        actor: admin,
        input: { mode: "update", code: "pets", name: "宠物", nameEn: "Pets", audience: "PERSONAL", featured: "maybe" },
        ip: null,
      }),
    );
    expect(badChoice.details.fieldErrors).toMatchObject({ featured: "errors.required" });

    const taken = await expectAppError(
      saveTheme({
        actor: admin,
        input: { mode: "create", code: "pets", name: "重复", nameEn: "Dup", audience: "CORPORATE" },
        ip: null,
      }),
    );
    expect(taken.details.fieldErrors).toMatchObject({ code: "reference.errors.codeTaken" });
    const slug = await expectAppError(
      saveTheme({
        actor: admin,
        input: { mode: "create", code: "宠物", name: "宠物", nameEn: "Pets", audience: "PERSONAL" },
        ip: null,
      }),
    );
    expect(slug.details.fieldErrors).toMatchObject({ code: "reference.errors.slug" });
    expect(
      (
        await expectAppError(
          saveTheme({
            actor: admin,
            input: { mode: "update", code: "no-such", name: "无", nameEn: "None", audience: "PERSONAL" },
            ip: null,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    for (const actor of [await actorFor("deptadmin"), await actorFor("clerk")]) {
      expect(
        (await expectAppError(moveTheme({ actor, input: { code: "pets", direction: "down" }, ip: null }))).code,
      ).toBe("FORBIDDEN");
      expect(
        (
          await expectAppError(
            saveTheme({
              actor,
              input: { mode: "update", code: "pets", name: "越权", nameEn: "x", audience: "PERSONAL" },
              ip: null,
            }),
          )
        ).code,
      ).toBe("FORBIDDEN");
    }
  });
});

describe("offices", () => {
  it("creates, edits, deactivates and reactivates a service hall", async () => {
    const admin = await actorFor("admin");
    const department = await db().department.findFirstOrThrow({ where: { regionCode: GUANGAN, parentId: null } });
    const input = {
      code: "GA-HALL-TEST",
      name: "广安市政务服务中心测试大厅",
      nameEn: "Guang'an Service Hall (test)",
      regionCode: GUANGAN,
      departmentId: department.id,
      address: "广安市广安区金安大道二段 168 号",
      phone: "0826-2345678",
      openingHours: "周一至周五 9:00–12:00，13:30–17:00",
      transport: "公交 2 路",
    };
    const office = await saveOffice({ actor: admin, input, ip: null });
    expect(office).toMatchObject({
      code: "GA-HALL-TEST",
      active: true,
      departmentId: department.id,
      transport: "公交 2 路",
    });
    await saveOffice({ actor: admin, input: { ...input, id: office.id, departmentId: "", transport: "" }, ip: null });
    expect(await db().office.findUniqueOrThrow({ where: { id: office.id } })).toMatchObject({
      departmentId: null,
      transport: null,
    });
    await setOfficeActive({ actor: admin, id: office.id, active: false, ip: null });
    expect((await listOffices(admin)).find((row) => row.id === office.id)?.active).toBe(false);
    await setOfficeActive({ actor: admin, id: office.id, active: true, ip: null });
    expect(
      await db().auditLog.findMany({
        where: { objectId: office.id },
        orderBy: { id: "asc" },
        select: { action: true },
      }),
    ).toEqual([
      { action: "reference.office.create" },
      { action: "reference.office.update" },
      { action: "reference.office.deactivate" },
      { action: "reference.office.reactivate" },
    ]);

    const taken = await expectAppError(saveOffice({ actor: admin, input, ip: null }));
    expect(taken.details.fieldErrors).toMatchObject({ code: "reference.errors.codeTaken" });
    const elsewhere = await db().department.findFirstOrThrow({ where: { regionCode: { not: GUANGAN } } });
    const region = await expectAppError(
      saveOffice({ actor: admin, input: { ...input, code: "GA-HALL-2", departmentId: elsewhere.id }, ip: null }),
    );
    expect(region.details.fieldErrors).toMatchObject({ departmentId: "reference.errors.departmentRegion" });
    const missing = await expectAppError(
      saveOffice({ actor: admin, input: { ...input, code: "GA-HALL-3", address: "", phone: "abc" }, ip: null }),
    );
    expect(missing.details.fieldErrors).toMatchObject({ address: "errors.required", phone: "reference.errors.phone" });
    for (const actor of [await actorFor("deptadmin"), await actorFor("clerk")]) {
      expect((await expectAppError(saveOffice({ actor, input: { ...input, code: "GA-HALL-4" }, ip: null }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await expectAppError(setOfficeActive({ actor, id: office.id, active: false, ip: null }))).code).toBe(
        "FORBIDDEN",
      );
    }
  });
});

describe("staff accounts", () => {
  const newClerk = (overrides: Record<string, unknown> = {}) => ({
    loginName: `clerk${Math.floor(Math.random() * 1e6)}`,
    realName: "孙丽",
    role: "CLERK",
    password: "Initial123",
    confirmPassword: "Initial123",
    ...overrides,
  });

  it("lets a department administrator create, move, deactivate, reactivate their own clerk, who then signs in or not", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const input = newClerk({ departmentId: deptAdmin.departmentId });
    const clerk = await createStaff({ actor: deptAdmin, input, ip: "10.3.0.1" });
    expect(clerk).toMatchObject({
      role: "CLERK",
      status: "ACTIVE",
      departmentId: deptAdmin.departmentId,
      loginName: input.loginName,
    });
    const stored = await db().user.findUniqueOrThrow({ where: { id: clerk.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const created = await db().auditLog.findFirstOrThrow({ where: { objectId: clerk.id, action: "staff.create" } });
    expect(JSON.stringify([created.before, created.after])).not.toContain("Initial123");
    expect(
      (await authenticate({ input: { username: input.loginName, password: "Initial123" }, ip: "10.3.0.2" })).id,
    ).toBe(clerk.id);

    await setStaffStatus({ actor: deptAdmin, input: { id: clerk.id, action: "deactivate" }, ip: null });
    const disabled = await db().user.findUniqueOrThrow({ where: { id: clerk.id } });
    expect(disabled).toMatchObject({ status: "DISABLED", sessionVersion: stored.sessionVersion + 1 });
    await expect(
      authenticate({ input: { username: input.loginName, password: "Initial123" }, ip: "10.3.0.3" }),
    ).rejects.toThrow();
    expect((await listStaff(deptAdmin)).find((row) => row.id === clerk.id)).toMatchObject({
      status: "DISABLED",
      manageable: true,
    });

    await setStaffStatus({ actor: deptAdmin, input: { id: clerk.id, action: "reactivate" }, ip: null });
    await resetStaffPassword({
      actor: deptAdmin,
      input: { id: clerk.id, password: "Another456", confirmPassword: "Another456" },
      ip: null,
    });
    expect(
      (await authenticate({ input: { username: input.loginName, password: "Another456" }, ip: "10.3.0.4" })).id,
    ).toBe(clerk.id);

    await updateStaff({
      actor: deptAdmin,
      input: { id: clerk.id, role: "DEPT_ADMIN", departmentId: deptAdmin.departmentId },
      ip: null,
    });
    const promoted = await db().user.findUniqueOrThrow({ where: { id: clerk.id } });
    expect(promoted.role).toBe("DEPT_ADMIN");
    expect(promoted.sessionVersion).toBe(stored.sessionVersion + 4);
    expect(
      (
        await db().auditLog.findMany({
          where: { objectId: clerk.id, action: { startsWith: "staff." } },
          orderBy: { id: "asc" },
        })
      ).map((entry) => entry.action),
    ).toEqual(["staff.create", "staff.deactivate", "staff.reactivate", "staff.resetPassword", "staff.update"]);
  });

  it("keeps department administrators inside their department and their roles, and clerks out", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const clerk = await actorFor("clerk");
    const admin = await actorFor("admin");
    const other = await db().department.findFirstOrThrow({
      where: { id: { not: deptAdmin.departmentId ?? "" }, parentId: null },
    });

    expect(
      (await expectAppError(createStaff({ actor: deptAdmin, input: newClerk({ departmentId: other.id }), ip: null })))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      (await expectAppError(createStaff({ actor: deptAdmin, input: newClerk({ role: "SUPERVISOR" }), ip: null }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await expectAppError(
          createStaff({ actor: clerk, input: newClerk({ departmentId: clerk.departmentId }), ip: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    // A clerk of another department, created by the platform administrator.
    const foreign = await createStaff({ actor: admin, input: newClerk({ departmentId: other.id }), ip: null });
    const otherAdmin = await createStaff({
      actor: admin,
      input: newClerk({ role: "DEPT_ADMIN", departmentId: other.id }),
      ip: null,
    });
    const otherAdminActor = await actorFor(otherAdmin.loginName ?? "");
    const ownClerk = await createStaff({
      actor: deptAdmin,
      input: newClerk({ departmentId: deptAdmin.departmentId }),
      ip: null,
    });
    expect(
      (
        await expectAppError(
          setStaffStatus({ actor: otherAdminActor, input: { id: ownClerk.id, action: "deactivate" }, ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await expectAppError(
          setStaffStatus({ actor: deptAdmin, input: { id: foreign.id, action: "deactivate" }, ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await expectAppError(
          resetStaffPassword({
            actor: deptAdmin,
            input: { id: foreign.id, password: "Another456", confirmPassword: "Another456" },
            ip: null,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await expectAppError(
          updateStaff({ actor: clerk, input: { id: ownClerk.id, role: "CLERK", departmentId: other.id }, ip: null }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // Moving one's own clerk to another department or promoting them beyond the department is refused.
    expect(
      (
        await expectAppError(
          updateStaff({
            actor: deptAdmin,
            input: { id: ownClerk.id, role: "CLERK", departmentId: other.id },
            ip: null,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await expectAppError(
          updateStaff({
            actor: deptAdmin,
            input: { id: ownClerk.id, role: "PLATFORM_ADMIN", departmentId: "" },
            ip: null,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await db().user.findUniqueOrThrow({ where: { id: ownClerk.id } })).toMatchObject({
      role: "CLERK",
      departmentId: deptAdmin.departmentId,
      status: "ACTIVE",
    });

    // Lists: the department administrator sees only their department's staff, never citizens.
    const visible = await listStaff(deptAdmin);
    expect(visible.every((row) => row.departmentId === deptAdmin.departmentId)).toBe(true);
    expect(visible.map((row) => row.id)).not.toContain(foreign.id);
    const all = await listStaff(admin);
    expect(all.map((row) => row.id)).toContain(foreign.id);
    expect(all.every((row) => ["CLERK", "DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"].includes(row.role))).toBe(true);
    expect((await expectAppError(listStaff(clerk))).code).toBe("FORBIDDEN");
  });

  it("validates input, refuses taken login names and self-deactivation or demotion", async () => {
    const admin = await actorFor("admin");
    const deptAdmin = await actorFor("deptadmin");
    const invalid = await expectAppError(
      createStaff({
        actor: admin,
        input: newClerk({ loginName: "1x", password: "short", confirmPassword: "other", departmentId: "" }),
        ip: null,
      }),
    );
    expect(invalid.details.fieldErrors).toMatchObject({
      loginName: "reference.errors.loginName",
      password: "errors.password.tooShort",
      departmentId: "reference.errors.departmentRequired",
    });
    const supervisorWithDepartment = await expectAppError(
      createStaff({
        actor: admin,
        input: newClerk({ role: "SUPERVISOR", departmentId: deptAdmin.departmentId }),
        ip: null,
      }),
    );
    expect(supervisorWithDepartment.details.fieldErrors).toMatchObject({
      departmentId: "reference.errors.noDepartmentForRole",
    });
    const taken = await expectAppError(
      createStaff({
        actor: admin,
        input: newClerk({ loginName: "Clerk", departmentId: deptAdmin.departmentId }),
        ip: null,
      }),
    );
    expect(taken).toMatchObject({
      code: "CONFLICT",
      details: { fieldErrors: { loginName: "reference.errors.loginNameTaken" } },
    });
    const supervisor = await createStaff({
      actor: admin,
      input: newClerk({ role: "SUPERVISOR", realName: "吴强" }),
      ip: null,
    });
    expect(supervisor).toMatchObject({ role: "SUPERVISOR", departmentId: null });

    expect(
      await expectAppError(
        setStaffStatus({ actor: admin, input: { id: admin.userId, action: "deactivate" }, ip: null }),
      ),
    ).toMatchObject({ code: "FORBIDDEN", messageKey: "reference.errors.self" });
    expect(
      await expectAppError(
        updateStaff({
          actor: admin,
          input: { id: admin.userId, role: "CLERK", departmentId: deptAdmin.departmentId },
          ip: null,
        }),
      ),
    ).toMatchObject({ messageKey: "reference.errors.self" });
    expect(
      await expectAppError(
        setStaffStatus({ actor: deptAdmin, input: { id: deptAdmin.userId, action: "deactivate" }, ip: null }),
      ),
    ).toMatchObject({ messageKey: "reference.errors.self" });
    expect(
      await expectAppError(
        updateStaff({
          actor: deptAdmin,
          input: { id: deptAdmin.userId, role: "CLERK", departmentId: deptAdmin.departmentId },
          ip: null,
        }),
      ),
    ).toMatchObject({ messageKey: "reference.errors.self" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.userId } })).status).toBe("ACTIVE");

    // Citizens are not staff: not listed, not managed.
    const citizen = await db().user.findFirstOrThrow({ where: { role: "CITIZEN" } });
    expect(
      (
        await expectAppError(
          setStaffStatus({ actor: admin, input: { id: citizen.id, action: "deactivate" }, ip: null }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});

describe("reads for the forms", () => {
  it("find one record for its edit page, and nothing for bad or foreign ids", async () => {
    const admin = await actorFor("admin");
    const deptAdmin = await actorFor("deptadmin");
    const clerk = await actorFor("clerk");
    const own = await getDepartment(admin, deptAdmin.departmentId ?? "");
    expect(own?.id).toBe(deptAdmin.departmentId);
    expect(await getDepartment(admin, "not-a-uuid")).toBeNull();
    expect(await getOffice(admin, "00000000-0000-0000-0000-000000000000")).toBeNull();
    const options = await listDepartmentOptions(deptAdmin, { regionCode: GUANGAN });
    expect(options.length).toBeGreaterThan(10);
    expect(options.every((option) => option.regionCode === GUANGAN)).toBe(true);
    expect((await expectAppError(listDepartmentOptions(clerk))).code).toBe("FORBIDDEN");

    expect(await getStaff(deptAdmin, clerk.userId)).toMatchObject({
      loginName: "clerk",
      manageable: true,
      self: false,
    });
    expect(await getStaff(deptAdmin, deptAdmin.userId)).toMatchObject({ self: true });
    expect(await getStaff(deptAdmin, admin.userId)).toBeNull();
    expect(await getStaff(admin, admin.userId)).toMatchObject({ role: "PLATFORM_ADMIN", self: true, manageable: true });
    expect((await expectAppError(getStaff(clerk, clerk.userId))).code).toBe("FORBIDDEN");

    expect(assignableRoles(admin)).toEqual(["CLERK", "DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"]);
    expect(assignableRoles(deptAdmin)).toEqual(["CLERK", "DEPT_ADMIN"]);
    expect(assignableRoles(clerk)).toEqual([]);
  });
});
