import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/policy";
import type { GuideContent } from "../../lib/catalogue/guide-content";
import { findItemGuide } from "../../lib/catalogue/queries";
import {
  createServiceItem,
  discardDraft,
  getItemForEditing,
  getVersionWithDiff,
  publishVersion,
  returnToDraft,
  rollbackToVersion,
  saveDraft,
  startDraft,
  submitForReview,
} from "../../lib/catalogue/versions";
import { db } from "../../lib/db/client";
import { searchCatalogue } from "../../lib/search/query";
import { actorFor } from "../support/actors";
import { expectAppError } from "../support/errors";

async function itemOf(actor: Actor, skip = 0) {
  return db().serviceItem.findFirstOrThrow({
    where: { departmentId: actor.departmentId ?? "", status: "ACTIVE" },
    orderBy: { implementationCode: "asc" },
    skip,
  });
}

async function draftContent(versionId: string) {
  const version = await db().itemVersion.findUniqueOrThrow({ where: { id: versionId } });
  return { content: version.content as unknown as GuideContent, revision: version.revision };
}

describe("versioned guides", () => {
  it("edits a draft, reviews it with a second administrator, publishes it, and keeps the history", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const platformAdmin = await actorFor("admin");
    const item = await itemOf(deptAdmin);
    const before = await findItemGuide(item.implementationCode);

    const editing = await getItemForEditing(deptAdmin, item.implementationCode);
    expect(editing.published?.status).toBe("PUBLISHED");
    expect(editing.open).toBeNull();

    const draft = await startDraft(deptAdmin, item.implementationCode, "10.1.1.1");
    expect(draft.status).toBe("DRAFT");
    // Starting again returns the same open draft instead of a second one.
    expect((await startDraft(deptAdmin, item.implementationCode, null)).id).toBe(draft.id);

    const { content, revision } = await draftContent(draft.id);
    const edited = {
      ...content,
      promised: { ...content.promised, limit: Math.max(0, content.promised.limit - 1) },
      faqs: [...content.faqs, { question: "可以委托他人办理吗？", answer: "可以，需提供授权委托书。" }],
    };
    const saved = await saveDraft(
      deptAdmin,
      { versionId: draft.id, revision, content: edited, summary: "缩短承诺时限" },
      null,
    );
    expect(saved.revision).toBe(revision + 1);

    // The portal still shows the published guide while the draft waits.
    expect((await findItemGuide(item.implementationCode))?.faqs.length).toBe(before?.faqs.length);

    await submitForReview(deptAdmin, { versionId: draft.id, revision: saved.revision }, null);
    // Four eyes: the author cannot publish their own version.
    const own = await expectAppError(publishVersion(deptAdmin, { versionId: draft.id }, null));
    expect(own.messageKey).toBe("catalogueAdmin.errors.fourEyes");

    const { changes } = await getVersionWithDiff(platformAdmin, item.implementationCode, draft.number);
    expect(changes.map((change) => change.path)).toEqual(
      expect.arrayContaining(["promised.limit", `faqs[${content.faqs.length}]`]),
    );

    // Publishing is a sensitive action: a second factor older than 15 minutes is asked for again (issue 15).
    const stale = { ...platformAdmin, secondFactorAt: new Date(Date.now() - 16 * 60_000) };
    expect((await expectAppError(publishVersion(stale, { versionId: draft.id }, null))).code).toBe(
      "SECOND_FACTOR_REQUIRED",
    );

    await publishVersion(platformAdmin, { versionId: draft.id }, "10.1.1.2");
    const after = await findItemGuide(item.implementationCode);
    expect(after?.faqs.map((faq) => faq.question)).toContain("可以委托他人办理吗？");
    expect(after?.promisedLimit).toBe(edited.promised.limit);
    const afterItem = await db().serviceItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(afterItem.version).toBe(draft.number);

    const history = await db().itemVersion.findMany({ where: { serviceItemId: item.id }, orderBy: { number: "asc" } });
    expect(history.map((version) => version.status)).toEqual(["SUPERSEDED", "PUBLISHED"]);
    expect(history[1]).toMatchObject({ publishedById: platformAdmin.userId, submittedById: deptAdmin.userId });
    const actions = (await db().auditLog.findMany({ where: { objectId: item.id }, orderBy: { id: "asc" } })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual([
      "catalogue.version.start",
      "catalogue.version.save",
      "catalogue.version.submit",
      "catalogue.version.publish",
    ]);

    // Rollback publishes the earlier content again as a new version; history only grows.
    const rolledBack = await rollbackToVersion(
      platformAdmin,
      { implementationCode: item.implementationCode, number: history[0]!.number, reason: "新时限尚未获批" },
      null,
    );
    expect(rolledBack.number).toBe(draft.number + 1);
    const restored = await findItemGuide(item.implementationCode);
    expect(restored?.faqs.length).toBe(before?.faqs.length);
    expect(restored?.promisedLimit).toBe(before?.promisedLimit);
    const statuses = (
      await db().itemVersion.findMany({ where: { serviceItemId: item.id }, orderBy: { number: "asc" } })
    ).map((version) => version.status);
    expect(statuses).toEqual(["SUPERSEDED", "SUPERSEDED", "PUBLISHED"]);
  });

  it("refuses a stale save so a second administrator never overwrites the first silently", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const platformAdmin = await actorFor("admin");
    const item = await itemOf(deptAdmin, 1);
    const draft = await startDraft(deptAdmin, item.implementationCode, null);
    const { content, revision } = await draftContent(draft.id);
    await saveDraft(
      deptAdmin,
      { versionId: draft.id, revision, content: { ...content, visitReason: "核验原件" } },
      null,
    );
    const conflict = await expectAppError(
      saveDraft(platformAdmin, { versionId: draft.id, revision, content: { ...content, visitReason: "其他" } }, null),
    );
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.messageKey).toBe("catalogueAdmin.errors.staleRevision");
    expect((await draftContent(draft.id)).content.visitReason).toBe("核验原件");
  });

  it("validates on save and on submission, keeping what was stored", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const item = await itemOf(deptAdmin, 2);
    const draft = await startDraft(deptAdmin, item.implementationCode, null);
    const { content, revision } = await draftContent(draft.id);

    const shape = await expectAppError(
      saveDraft(
        deptAdmin,
        { versionId: draft.id, revision, content: { ...content, name: "", promised: { limit: -3, unit: "WEEK" } } },
        null,
      ),
    );
    expect(shape.details.fieldErrors).toMatchObject({
      name: "catalogueAdmin.errors.required",
      "promised.limit": "catalogueAdmin.errors.notNegative",
      "promised.unit": "catalogueAdmin.errors.choice",
    });

    // A draft may be incomplete, but it cannot be submitted that way.
    const incomplete = {
      ...content,
      statutory: { limit: 5, unit: "WORKING_DAY" as const, note: null },
      promised: { limit: 9, unit: "WORKING_DAY" as const, note: null },
      feeCharged: true,
      fees: [],
    };
    const saved = await saveDraft(deptAdmin, { versionId: draft.id, revision, content: incomplete }, null);
    const rules = await expectAppError(
      submitForReview(deptAdmin, { versionId: draft.id, revision: saved.revision }, null),
    );
    expect(rules.details.fieldErrors).toMatchObject({
      "promised.limit": "catalogueAdmin.errors.promisedOverStatutory",
      fees: "catalogueAdmin.errors.feeItemsRequired",
    });
    expect((await db().itemVersion.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");

    // A form bound to a material the item does not have is refused when the draft is saved.
    const withForm = {
      ...content,
      onlineCapable: true,
      channels: [...new Set([...content.channels, "ONLINE" as const])],
      form: {
        version: 1,
        steps: [
          {
            id: "main",
            title: { zh: "申请信息" },
            fields: [{ key: "upload", type: "file", label: { zh: "上传" }, materialCode: "no-such-material" }],
          },
        ],
      },
    };
    const formError = await expectAppError(
      saveDraft(deptAdmin, { versionId: draft.id, revision: saved.revision, content: withForm }, null),
    );
    expect(Object.keys(formError.details.fieldErrors ?? {}).some((path) => path.startsWith("form"))).toBe(true);

    // The reviewer can send a version back with a note; the editors can discard it.
    const clean = await saveDraft(deptAdmin, { versionId: draft.id, revision: saved.revision, content }, null);
    await submitForReview(deptAdmin, { versionId: draft.id, revision: clean.revision }, null);
    const platformAdmin = await actorFor("admin");
    await returnToDraft(platformAdmin, { versionId: draft.id, note: "请补充常见问题" }, null);
    expect(await db().itemVersion.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: "DRAFT",
      reviewNote: "请补充常见问题",
    });
    await discardDraft(deptAdmin, { versionId: draft.id }, null);
    expect((await db().itemVersion.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DISCARDED");
  });

  it("keeps other departments' items and the clerk out", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const clerk = await actorFor("clerk");
    const foreign = await db().serviceItem.findFirstOrThrow({
      where: { NOT: { departmentId: deptAdmin.departmentId ?? "" }, status: "ACTIVE" },
    });
    expect((await expectAppError(startDraft(deptAdmin, foreign.implementationCode, null))).code).toBe("FORBIDDEN");
    expect((await expectAppError(getItemForEditing(clerk, foreign.implementationCode))).code).toBe("FORBIDDEN");
    expect(
      (await expectAppError(saveDraft(deptAdmin, { versionId: "not-a-uuid", revision: 0, content: {} }, null))).code,
    ).toBe("NOT_FOUND");
    expect(await db().itemVersion.count({ where: { serviceItemId: foreign.id, status: { not: "PUBLISHED" } } })).toBe(
      0,
    );
  });

  it("creates a new item hidden from the public until its first version is published", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const platformAdmin = await actorFor("admin");
    const catalogItem = await db().catalogItem.findFirstOrThrow({ where: { itemType: "T20_PUBLIC_SERVICE" } });
    const created = await createServiceItem(
      deptAdmin,
      {
        catalogItemCode: catalogItem.code,
        departmentId: deptAdmin.departmentId!,
        implementationCode: "TEST-NEW-ITEM-001",
        name: "测试新事项公共服务",
      },
      null,
    );
    expect(await findItemGuide("TEST-NEW-ITEM-001")).toBeNull();
    const duplicate = await expectAppError(
      createServiceItem(
        deptAdmin,
        {
          catalogItemCode: catalogItem.code,
          departmentId: deptAdmin.departmentId!,
          implementationCode: "TEST-NEW-ITEM-001",
        },
        null,
      ),
    );
    expect(duplicate.code).toBe("CONFLICT");

    const { content, revision } = await draftContent(created.versionId);
    const complete: GuideContent = {
      ...content,
      acceptanceConditions: "本市户籍居民。",
      windowProcess: "到窗口提交材料，当场受理。",
      consultation: "电话 0826-12345",
      complaint: "电话 0826-12345 转投诉",
      visitReason: "核验身份",
      windows: [
        {
          name: "政务服务中心 3 号窗口",
          address: "广安市广安区政务服务中心",
          phone: "0826-12345",
          hours: "工作日 9:00-17:00",
          transport: null,
        },
      ],
    };
    const saved = await saveDraft(deptAdmin, { versionId: created.versionId, revision, content: complete }, null);
    await submitForReview(deptAdmin, { versionId: created.versionId, revision: saved.revision }, null);
    await publishVersion(platformAdmin, { versionId: created.versionId }, null);
    expect((await findItemGuide("TEST-NEW-ITEM-001"))?.name).toBe("测试新事项公共服务");
    const hits = await searchCatalogue(db(), { q: "测试新事项", pageSize: 10, record: false });
    expect(hits.items.map((hit) => hit.implementationCode)).toContain("TEST-NEW-ITEM-001");
  });
});

describe("material templates", () => {
  it("accepts uploaded blank forms and refuses any other file id", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const item = await itemOf(deptAdmin, 3);
    const draft = await startDraft(deptAdmin, item.implementationCode, null);
    const { content, revision } = await draftContent(draft.id);
    const template = await db().storedFile.create({
      data: {
        purpose: "MATERIAL_BLANK_FORM",
        storageKey: `test/${draft.id}`,
        sha256: "0".repeat(64),
        size: 10,
        contentType: "application/pdf",
        originalName: "申请表.pdf",
        ownerUserId: deptAdmin.userId,
      },
    });
    const private_ = await db().storedFile.create({
      data: {
        purpose: "APPLICATION_MATERIAL",
        storageKey: `test/${draft.id}-p`,
        sha256: "1".repeat(64),
        size: 10,
        contentType: "application/pdf",
        originalName: "身份证.pdf",
        ownerUserId: deptAdmin.userId,
      },
    });
    const withFile = (fileId: string) => ({
      ...content,
      materials: content.materials.map((material, index) =>
        index === 0 ? { ...material, blankFormFileId: fileId } : material,
      ),
    });
    const refused = await expectAppError(
      saveDraft(deptAdmin, { versionId: draft.id, revision, content: withFile(private_.id) }, null),
    );
    expect(refused.details.fieldErrors).toEqual({
      "materials.0.blankFormFileId": "catalogueAdmin.errors.notTemplateFile",
    });
    await saveDraft(deptAdmin, { versionId: draft.id, revision, content: withFile(template.id) }, null);
  });
});
