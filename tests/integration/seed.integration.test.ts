import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { fromStored, IDENTITY_SELECT } from "../../lib/accounts/identity-fields";
import { db } from "../../lib/db/client";
import { checkCreditCode } from "../../lib/identity/credit-code";
import { checkIdNumber } from "../../lib/identity/id-number";
import { DEMO_FORMS } from "../../prisma/seed/forms";
import { seedDemo } from "../../prisma/seed/seed";
import { createDatabase, dropDatabase } from "../support/databases";

const serverUrl = inject("serverUrl");

describe("demo seed", () => {
  it("has one province, at least 3 cities, 6 counties and 12 departments", async () => {
    const levels = await db().region.groupBy({ by: ["level"], _count: true });
    const count = Object.fromEntries(levels.map((row) => [row.level, row._count]));
    expect(count.PROVINCE).toBe(1);
    expect(count.CITY).toBeGreaterThanOrEqual(3);
    expect(count.COUNTY).toBeGreaterThanOrEqual(6);
    expect(await db().department.count()).toBeGreaterThanOrEqual(12);
    expect(await db().department.count({ where: { parentId: { not: null } } })).toBeGreaterThan(0);
    for (const department of await db().department.findMany({ select: { code: true } })) {
      expect([department.code, checkCreditCode(department.code)]).toEqual([department.code, null]);
    }
  });

  it("has at least 200 items with complete guides over personal and company themes", async () => {
    const items = await db().serviceItem.findMany({
      include: { legalBases: true, materials: true, windows: true, steps: true, faqs: true, themes: true, fees: true },
    });
    expect(items.length).toBeGreaterThanOrEqual(200);
    for (const item of items) {
      const context = item.implementationCode;
      expect([context, item.legalBases.length > 0]).toEqual([context, true]);
      expect([context, item.windows.length > 0 && item.steps.length > 0 && item.faqs.length > 0]).toEqual([
        context,
        true,
      ]);
      expect([context, item.themes.length > 0]).toEqual([context, true]);
      expect([context, item.acceptanceConditions.length > 10 && item.windowProcess.length > 10]).toEqual([
        context,
        true,
      ]);
      if (item.promisedUnit === item.statutoryUnit && item.statutoryLimit !== null) {
        expect([context, item.promisedLimit <= item.statutoryLimit]).toEqual([context, true]);
      }
      expect([context, item.feeCharged === item.fees.length > 0]).toEqual([context, true]);
      const appliedFor = !["T02_PENALTY", "T03_ENFORCEMENT", "T06_INSPECTION"].includes(item.itemType);
      if (appliedFor) expect([context, item.materials.length > 0]).toEqual([context, true]);
      expect([context, item.implementationCode.length <= 36]).toEqual([context, true]);
    }
    const audiences = await db().theme.findMany({ where: { items: { some: {} } }, select: { audience: true } });
    expect(new Set(audiences.map((theme) => theme.audience))).toEqual(new Set(["PERSONAL", "CORPORATE"]));
  });

  it("imports its catalogue as published versions, the demo forms included", async () => {
    expect(await db().serviceItem.count({ where: { versions: { none: { status: "PUBLISHED" } } } })).toBe(0);
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "catalogue.import" } });
    expect(entry.after).toMatchObject({ file: "prisma/seed/data/catalogue.json", operator: "seed", publish: true });
    for (const demo of DEMO_FORMS) {
      const item = await db().serviceItem.findFirstOrThrow({
        where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
        include: { versions: { where: { status: "PUBLISHED" } } },
      });
      expect([item.name, item.onlineCapable, (item.versions[0]?.content as { form?: unknown }).form]).toEqual([
        item.name,
        true,
        expect.objectContaining({ steps: expect.any(Array) }),
      ]);
    }
  });

  it("gives the demo clerk's market-regulation bureau items of its own", async () => {
    const clerk = await db().user.findUniqueOrThrow({ where: { loginName: "clerk" }, include: { department: true } });
    expect(clerk.department?.name).toBe("广安市市场监督管理局");
    expect(await db().serviceItem.count({ where: { departmentId: clerk.departmentId ?? "" } })).toBeGreaterThan(5);
  });

  it("creates the demo accounts with valid identity numbers", async () => {
    const people = (
      await db().user.findMany({ where: { idNumberEncrypted: { not: null } }, select: IDENTITY_SELECT })
    ).map((person) => fromStored(person));
    const phones = people.map((person) => person.phone);
    expect(phones).toEqual(expect.arrayContaining(["13800138000", "13800138001"]));
    for (const person of people) expect(checkIdNumber(person.idNumber ?? "")).toBeNull();
    const roles = await db().user.findMany({
      where: { loginName: { in: ["clerk", "deptadmin", "admin"] } },
      select: { role: true },
    });
    expect(roles.map((user) => user.role).sort()).toEqual(["CLERK", "DEPT_ADMIN", "PLATFORM_ADMIN"]);
  });

  it("loads the national holiday calendar", async () => {
    const newYear = await db().holiday.findFirst({
      where: { date: new Date("2026-01-01T00:00:00Z"), regionCode: null },
    });
    expect(newYear).toMatchObject({ kind: "HOLIDAY", name: "元旦" });
    expect(await db().holiday.count({ where: { kind: "MAKEUP_WORKDAY" } })).toBeGreaterThan(5);
  });

  it("is deterministic and leaves a non-empty database alone", async () => {
    const name = `onewindow_seed_${randomBytes(4).toString("hex")}`;
    const url = await createDatabase(serverUrl, name, "onewindow_test_empty");
    try {
      expect(await seedDemo(url)).toBe(true);
      expect(await seedDemo(url)).toBe(false);
      const fingerprint = async (connection: string) => {
        const client = new pg.Client({ connectionString: connection });
        await client.connect();
        try {
          const hash = createHash("sha256");
          // Child rows without a stable id (legal bases) are compared by content.
          for (const table of [
            "region",
            "department",
            "service_item",
            "material",
            "legal_basis",
            "user_account",
            "holiday",
          ]) {
            const { rows } = await client.query(`SELECT * FROM ${table}`);
            const normalised = rows
              .map((row) => {
                // Encrypted ID numbers, phones and TOTP secrets differ by their random IV; ID numbers and phones are
                // compared by their keyed hashes, and every staff secret decrypts to the one demo key (seed test above).
                for (const volatile of [
                  "created_at",
                  "updated_at",
                  "password_hash",
                  "id_number",
                  "phone",
                  "totp_secret",
                ])
                  if (table === "user_account" || !["id_number", "phone"].includes(volatile)) delete row[volatile];
                if (table === "legal_basis") delete row.id;
                return JSON.stringify(row);
              })
              .sort();
            hash.update(JSON.stringify(normalised));
          }
          return hash.digest("hex");
        } finally {
          await client.end();
        }
      };
      expect(await fingerprint(url)).toBe(await fingerprint(process.env.DATABASE_URL ?? ""));
    } finally {
      await dropDatabase(serverUrl, name);
    }
  });
});
