import { describe, expect, it } from "vitest";
import { listCatalogItems, saveCatalogItem } from "../../lib/catalogue/basic-catalogue";
import { db } from "../../lib/db/client";
import { actorFor } from "../support/actors";
import { expectAppError } from "../support/errors";

describe("basic catalogue", () => {
  it("lets platform administrators add and edit entries, audited", async () => {
    const admin = await actorFor("admin");
    const created = await saveCatalogItem(
      admin,
      {
        code: "511T99000001",
        name: "测试基本目录事项",
        itemType: "T20_PUBLIC_SERVICE",
        exerciseLevels: ["4", "3", "3"],
        audiences: ["NATURAL_PERSON"],
      },
      "10.0.0.9",
    );
    expect(created.exerciseLevels).toEqual([3, 4]);
    await saveCatalogItem(
      admin,
      {
        id: created.id,
        code: "511T99000001",
        name: "测试基本目录事项（改）",
        itemType: "T07_CONFIRMATION",
        exerciseLevels: [3],
        audiences: ["NATURAL_PERSON", "ENTERPRISE"],
      },
      null,
    );
    const { items } = await listCatalogItems(admin, { q: "511T99" });
    expect(items).toEqual([
      expect.objectContaining({
        name: "测试基本目录事项（改）",
        itemType: "T07_CONFIRMATION",
        audiences: ["NATURAL_PERSON", "ENTERPRISE"],
      }),
    ]);
    const audit = await db().auditLog.findMany({ where: { objectId: created.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["catalogue.basic.create", "catalogue.basic.update"]);
  });

  it("refuses duplicates, bad input and everyone but platform administrators", async () => {
    const admin = await actorFor("admin");
    const existing = await db().catalogItem.findFirstOrThrow();
    const duplicate = await expectAppError(
      saveCatalogItem(
        admin,
        {
          code: existing.code,
          name: "重复",
          itemType: "T20_PUBLIC_SERVICE",
          exerciseLevels: [3],
          audiences: ["NATURAL_PERSON"],
        },
        null,
      ),
    );
    expect(duplicate.details.fieldErrors).toEqual({ code: "catalogueAdmin.errors.catalogCodeTaken" });
    const invalid = await expectAppError(
      saveCatalogItem(
        admin,
        { code: "bad code!", name: "", itemType: "T99", exerciseLevels: [], audiences: ["ALIENS"] },
        null,
      ),
    );
    expect(Object.keys(invalid.details.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["code", "name", "itemType", "exerciseLevels", "audiences.0"]),
    );
    const deptAdmin = await actorFor("deptadmin");
    expect(
      (
        await expectAppError(
          saveCatalogItem(
            deptAdmin,
            {
              code: "511T99000002",
              name: "x",
              itemType: "T20_PUBLIC_SERVICE",
              exerciseLevels: [3],
              audiences: ["NATURAL_PERSON"],
            },
            null,
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await db().catalogItem.count({ where: { code: "511T99000002" } })).toBe(0);
  });
});
